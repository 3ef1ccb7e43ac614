/* bench-delay-proxy.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A TCP proxy that holds every byte for a fixed time in each direction: a
 * far host on the loopback. Data read at time t is written at t + delay,
 * whatever else is in flight, so the link keeps its bandwidth and only
 * gains latency (a round trip costs twice the delay), as a long cable
 * would; a closed side is passed on after the delay too.
 *
 *   bench-delay-proxy --to PORT [--delay-ms 10] [--port-file FILE]
 *
 * It listens on 127.0.0.1 on a free port, writes that port to FILE (or
 * prints it), and forwards each connection to 127.0.0.1:PORT until killed.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#define CHUNK_SIZE 65536

/* Bytes read at one time, due at @due. An empty chunk is the end. */
typedef struct
{
  gint64  due;
  gsize   len;
  gsize   sent;
  guint8  data[];
} Chunk;

/* One direction: read from @from, held, written to @to. */
typedef struct
{
  int     from;
  int     to;
  GQueue  chunks;
  gboolean read_done;    /* @from said end, or failed */
  gboolean closed;       /* the end was passed on */
} Direction;

typedef struct
{
  Direction dir[2];
} Link;

static int to_port = 0;
static int delay_ms = 10;
static char *port_file = NULL;

static GOptionEntry entries[] = {
  { "to", 0, 0, G_OPTION_ARG_INT, &to_port, "Port on 127.0.0.1 to forward to", "PORT" },
  { "delay-ms", 0, 0, G_OPTION_ARG_INT, &delay_ms, "Delay each way (default 10)", "MS" },
  { "port-file", 0, 0, G_OPTION_ARG_FILENAME, &port_file, "Write the port listened on here",
    "FILE" },
  { NULL }
};

static void
set_nonblocking (int fd)
{
  int one = 1;

  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) | O_NONBLOCK);
  /* Each chunk goes out when due, not when Nagle lets it. */
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static int
listen_loopback (int *port)
{
  struct sockaddr_in addr = { .sin_family = AF_INET };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  int one = 1;

  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (fd < 0 || bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0 || listen (fd, 16) < 0 ||
      getsockname (fd, (struct sockaddr *) &addr, &len) < 0)
    g_error ("Cannot listen on 127.0.0.1: %s", g_strerror (errno));
  *port = ntohs (addr.sin_port);

  return fd;
}

static int
connect_loopback (int port)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons (port) };
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd < 0 || connect (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      g_printerr ("bench-delay-proxy: cannot reach 127.0.0.1:%d: %s\n", port, g_strerror (errno));
      if (fd >= 0)
        close (fd);
      return -1;
    }

  return fd;
}

static void
direction_read (Direction *d,
                gint64     now)
{
  Chunk *chunk = g_malloc (sizeof (Chunk) + CHUNK_SIZE);
  ssize_t n = read (d->from, chunk->data, CHUNK_SIZE);

  if (n < 0 && (errno == EAGAIN || errno == EINTR))
    {
      g_free (chunk);
      return;
    }

  chunk->due = now + (gint64) delay_ms * 1000;
  chunk->len = n > 0 ? (gsize) n : 0;
  chunk->sent = 0;
  if (n <= 0)
    d->read_done = TRUE;
  g_queue_push_tail (&d->chunks, g_realloc (chunk, sizeof (Chunk) + chunk->len));
}

/* Writes what is due; returns FALSE when the far side is gone. */
static gboolean
direction_write (Direction *d,
                 gint64     now)
{
  Chunk *chunk;

  while ((chunk = g_queue_peek_head (&d->chunks)) != NULL && chunk->due <= now)
    {
      if (chunk->len == 0)
        {
          shutdown (d->to, SHUT_WR);
          d->closed = TRUE;
          g_free (g_queue_pop_head (&d->chunks));
          return TRUE;
        }

      while (chunk->sent < chunk->len)
        {
          ssize_t n = write (d->to, chunk->data + chunk->sent, chunk->len - chunk->sent);

          if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return TRUE;
          if (n < 0)
            return FALSE;
          chunk->sent += n;
        }
      g_free (g_queue_pop_head (&d->chunks));
    }

  return TRUE;
}

static void
link_free (Link *link)
{
  for (int i = 0; i < 2; i++)
    {
      g_queue_clear_full (&link->dir[i].chunks, g_free);
      close (link->dir[i].from);
    }
  g_free (link);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- a TCP proxy with a delay");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) link_free);
  g_autoptr(GArray) fds = g_array_new (FALSE, FALSE, sizeof (struct pollfd));
  int listener, port;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || to_port <= 0 || delay_ms < 0)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--to PORT is needed");
      return 2;
    }
  signal (SIGPIPE, SIG_IGN);

  listener = listen_loopback (&port);
  set_nonblocking (listener);
  if (port_file != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%d\n", port);
      if (!g_file_set_contents (port_file, text, -1, &error))
        g_error ("%s", error->message);
    }
  else
    {
      printf ("%d\n", port);
      fflush (stdout);
    }

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 next_due = G_MAXINT64;
      int timeout;

      /* What is due goes out; links whose both ends closed go. */
      for (guint l = links->len; l > 0; l--)
        {
          Link *link = g_ptr_array_index (links, l - 1);
          gboolean alive = TRUE;

          for (int i = 0; i < 2; i++)
            alive = alive && direction_write (&link->dir[i], now);
          if (!alive || (link->dir[0].closed && link->dir[1].closed))
            g_ptr_array_remove_index_fast (links, l - 1);
        }

      g_array_set_size (fds, 0);
      g_array_append_val (fds, ((struct pollfd) { listener, POLLIN, 0 }));
      for (guint l = 0; l < links->len; l++)
        {
          Link *link = g_ptr_array_index (links, l);

          for (int i = 0; i < 2; i++)
            {
              Direction *d = &link->dir[i];
              Chunk *head = g_queue_peek_head (&d->chunks);
              short events = d->read_done ? 0 : POLLIN;

              if (head != NULL && head->due > now)
                next_due = MIN (next_due, head->due);
              g_array_append_val (fds, ((struct pollfd) { d->from, events, 0 }));
              /* A due chunk that did not fit waits for room. */
              if (head != NULL && head->due <= now)
                g_array_append_val (fds, ((struct pollfd) { d->to, POLLOUT, 0 }));
            }
        }

      timeout = next_due == G_MAXINT64 ? -1 : (int) MAX ((next_due - now + 999) / 1000, 0);
      if (poll ((struct pollfd *) fds->data, fds->len, timeout) < 0 && errno != EINTR)
        g_error ("poll: %s", g_strerror (errno));
      now = g_get_monotonic_time ();

      for (guint f = 1; f < fds->len; f++)
        {
          struct pollfd *p = &g_array_index (fds, struct pollfd, f);

          if (!(p->revents & (POLLIN | POLLHUP | POLLERR)) || !(p->events & POLLIN))
            continue;
          for (guint l = 0; l < links->len; l++)
            {
              Link *link = g_ptr_array_index (links, l);

              for (int i = 0; i < 2; i++)
                if (link->dir[i].from == p->fd && !link->dir[i].read_done)
                  direction_read (&link->dir[i], now);
            }
        }

      if (g_array_index (fds, struct pollfd, 0).revents & POLLIN)
        {
          int client = accept (listener, NULL, NULL);
          int server = client >= 0 ? connect_loopback (to_port) : -1;

          if (server < 0 && client >= 0)
            close (client);
          if (server >= 0)
            {
              Link *link = g_new0 (Link, 1);

              set_nonblocking (client);
              set_nonblocking (server);
              link->dir[0] = (Direction) { .from = client, .to = server };
              link->dir[1] = (Direction) { .from = server, .to = client };
              g_ptr_array_add (links, link);
            }
        }
    }

  return 0;
}
