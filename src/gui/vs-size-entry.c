/* vs-size-entry.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-size-entry"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "vs-format.h"
#include "vs-gtk-compat.h"
#include "vs-size.h"
#include "vs-size-entry.h"

typedef struct
{
  const char *code;     /* what vs_size_parse() reads */
  const char *label;    /* what the user reads (translated) */
  guint64     bytes;
} Unit;

static const Unit units[] = {
  /* Translators: the unit of 1024 × 1024 bytes, shown beside a size entry */
  { "MiB", N_("MiB"), G_GUINT64_CONSTANT (1) << 20 },
  /* Translators: the unit of 1024³ bytes, shown beside a size entry */
  { "GiB", N_("GiB"), G_GUINT64_CONSTANT (1) << 30 },
  /* Translators: the unit of 1024⁴ bytes, shown beside a size entry */
  { "TiB", N_("TiB"), G_GUINT64_CONSTANT (1) << 40 },
};

#define DEFAULT_UNIT 1

struct _VsSizeEntry
{
  GtkWidget    parent_instance;

  char        *label;
  /* What vs_size_entry_set_bytes() showed, given back exactly while the
   * text and the unit stay as it left them. */
  char        *preset_text;
  guint        preset_unit;
  guint64      preset_bytes;

  /* Template widgets */
  GtkEntry    *entry;
  GtkDropDown *unit_dropdown;
};

G_DEFINE_FINAL_TYPE (VsSizeEntry, vs_size_entry, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LABEL,
  PROP_UNIT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers --------------------------------------------------------------- */

/* "20", "1.5", "0.19": at most two decimals, none that are zero, in the
 * user's locale (which vs_size_parse() reads back). */
static char *
format_number (double value)
{
  char *text = g_strdup_printf ("%.2f", value);
  gsize len = strlen (text);

  while (len > 0 && text[len - 1] == '0')
    text[--len] = '\0';
  if (len > 0 && !g_ascii_isdigit (text[len - 1]))
    text[--len] = '\0';

  return text;
}

static void
update_labels (VsSizeEntry *self)
{
  g_autofree char *unit_label = NULL;

  if (self->label == NULL)
    return;

  /* Translators: the accessible name of the unit chooser beside a size,
   * "Capacity unit" */
  unit_label = g_strdup_printf (_("%s unit"), self->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->label,
                                  -1);
  vs_accessible_name_drop_down (self->unit_dropdown, unit_label);
}

/* Signal callbacks ----------------------------------------------------- */

static void
text_changed_cb (VsSizeEntry *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
unit_changed_cb (VsSizeEntry *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

/* Class ----------------------------------------------------------------- */

static gboolean
vs_size_entry_grab_focus (GtkWidget *widget)
{
  VsSizeEntry *self = VS_SIZE_ENTRY (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static gboolean
vs_size_entry_mnemonic_activate (GtkWidget *widget,
                                 gboolean   group_cycling)
{
  return gtk_widget_grab_focus (widget);
}

static void
vs_size_entry_dispose (GObject *object)
{
  VsSizeEntry *self = (VsSizeEntry *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_SIZE_ENTRY);

  G_OBJECT_CLASS (vs_size_entry_parent_class)->dispose (object);
}

static void
vs_size_entry_finalize (GObject *object)
{
  VsSizeEntry *self = (VsSizeEntry *)object;

  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->preset_text, g_free);

  G_OBJECT_CLASS (vs_size_entry_parent_class)->finalize (object);
}

static void
vs_size_entry_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VsSizeEntry *self = VS_SIZE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_UNIT:
      g_value_set_uint (value, vs_size_entry_get_unit (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_size_entry_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VsSizeEntry *self = VS_SIZE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      if (g_strcmp0 (self->label, g_value_get_string (value)) != 0)
        {
          g_free (self->label);
          self->label = g_value_dup_string (value);
          update_labels (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_UNIT:
      vs_size_entry_set_unit (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_size_entry_class_init (VsSizeEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_size_entry_dispose;
  object_class->finalize = vs_size_entry_finalize;
  object_class->get_property = vs_size_entry_get_property;
  object_class->set_property = vs_size_entry_set_property;
  widget_class->grab_focus = vs_size_entry_grab_focus;
  widget_class->mnemonic_activate = vs_size_entry_mnemonic_activate;

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNIT] =
    g_param_spec_uint ("unit", NULL, NULL, 0, G_N_ELEMENTS (units) - 1, DEFAULT_UNIT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VsSizeEntry::changed:
   *
   * The text or the unit changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/virtstorage/VirtStorage/vs-size-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, VsSizeEntry, entry);
  gtk_widget_class_bind_template_child (widget_class, VsSizeEntry, unit_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, unit_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vs_size_entry_init (VsSizeEntry *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    gtk_string_list_append (labels, _(units[i].label));
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->unit_dropdown, DEFAULT_UNIT);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_size_entry_new (void)
{
  return g_object_new (VS_TYPE_SIZE_ENTRY, NULL);
}

gboolean
vs_size_entry_get_bytes (VsSizeEntry  *self,
                         guint64      *bytes,
                         GError      **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *with_unit = NULL;
  g_autoptr(GError) unit_error = NULL;
  g_autoptr(GError) text_error = NULL;
  const char *text;
  gsize len;

  g_return_val_if_fail (VS_IS_SIZE_ENTRY (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  if (self->preset_text != NULL && g_str_equal (text, self->preset_text) &&
      self->preset_unit == vs_size_entry_get_unit (self))
    {
      *bytes = self->preset_bytes;
      return TRUE;
    }

  /* A unit typed in the text wins over the one chosen beside it. */
  stripped = g_strstrip (g_strdup (text));
  len = strlen (stripped);
  if (len == 0 || g_ascii_isalpha (stripped[len - 1]))
    return vs_size_parse (stripped, VS_SIZE_PARSE_DEFAULT, bytes, error);

  with_unit = g_strdup_printf ("%s %s", stripped, units[vs_size_entry_get_unit (self)].code);
  if (!vs_size_parse (with_unit, VS_SIZE_PARSE_DEFAULT, bytes, &unit_error))
    {
      guint64 ignored;

      /* The message quotes the text: the user's own, where the unit added
       * changes nothing about what is wrong ("1e30", "-1"). */
      if (!vs_size_parse (stripped, VS_SIZE_PARSE_DEFAULT, &ignored, &text_error) &&
          text_error->code == unit_error->code)
        g_propagate_error (error, g_steal_pointer (&text_error));
      else
        g_propagate_error (error, g_steal_pointer (&unit_error));
      return FALSE;
    }

  return TRUE;
}

void
vs_size_entry_set_bytes (VsSizeEntry *self,
                         guint64      bytes)
{
  guint unit = 0;

  g_return_if_fail (VS_IS_SIZE_ENTRY (self));

  while (unit + 1 < G_N_ELEMENTS (units) && bytes >= units[unit + 1].bytes)
    unit++;

  g_clear_pointer (&self->preset_text, g_free);
  self->preset_text = format_number ((double) bytes / (double) units[unit].bytes);
  self->preset_unit = unit;
  self->preset_bytes = bytes;

  gtk_drop_down_set_selected (self->unit_dropdown, unit);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), self->preset_text);
}

const char *
vs_size_entry_get_text (VsSizeEntry *self)
{
  g_return_val_if_fail (VS_IS_SIZE_ENTRY (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
vs_size_entry_set_text (VsSizeEntry *self,
                        const char  *text)
{
  g_return_if_fail (VS_IS_SIZE_ENTRY (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
}

guint
vs_size_entry_get_unit (VsSizeEntry *self)
{
  guint selected;

  g_return_val_if_fail (VS_IS_SIZE_ENTRY (self), DEFAULT_UNIT);

  selected = gtk_drop_down_get_selected (self->unit_dropdown);
  return selected < G_N_ELEMENTS (units) ? selected : DEFAULT_UNIT;
}

void
vs_size_entry_set_unit (VsSizeEntry *self,
                        guint        unit)
{
  g_return_if_fail (VS_IS_SIZE_ENTRY (self));
  g_return_if_fail (unit < G_N_ELEMENTS (units));

  gtk_drop_down_set_selected (self->unit_dropdown, unit);
}

char *
vs_size_entry_format (VsSizeEntry *self,
                      guint64      bytes)
{
  const Unit *unit;
  g_autofree char *number = NULL;

  g_return_val_if_fail (VS_IS_SIZE_ENTRY (self), NULL);

  unit = &units[vs_size_entry_get_unit (self)];
  number = format_number ((double) bytes / (double) unit->bytes);

  /* Too small for the unit: "0 GiB" would say there is nothing. */
  if (bytes > 0 && g_str_equal (number, "0"))
    return vs_format_size (bytes);

  /* Translators: a size in the unit the user chose: "20 GiB" */
  return g_strdup_printf (_("%s %s"), number, _(unit->label));
}

void
vs_size_entry_set_error (VsSizeEntry *self,
                         gboolean     error)
{
  g_return_if_fail (VS_IS_SIZE_ENTRY (self));

  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}
