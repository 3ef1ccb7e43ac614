#!/usr/bin/env python3
# check-mnemonics.py — no two controls shown together share a mnemonic.
#
# Copyright 2026 The Virt Storage authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-mnemonics.py SOURCE_ROOT
#
# Alt+letter activates a control only when no other control in the same
# window (or the same open menu) has that letter; otherwise GTK just moves
# the focus between them. This reads the strings with a mnemonic (an
# underscore before a letter), in English and in every language of
# po/LINGUAS, and fails on a letter used twice within one of these groups:
#   - each <menu> of a ui/*.ui file (sections and submenus included);
#   - the rest of each ui/*.ui file, plus the C strings that GROUPS below
#     adds to it (buttons and fields that the code sets);
#   - the pool wizard's buttons with each pool type's settings fields, read
#     from the field table of src/gui/vs-pool-settings-page.c;
#   - each confirmation that vs_confirm_async() shows (CONFIRMATIONS).
# Controls of one file that are never on screen together may share a
# letter: list them in APART.
#
# Needs python3 only; writes nothing.

import ast
import os
import re
import sys
import xml.etree.ElementTree as ET

# C strings shown together with a template's own controls.
GROUPS = {
    'ui/vs-credentials-dialog.ui': ['_Trust and Connect'],
    'ui/vs-pool-wizard.ui': ['_Create'],
}

# vs_confirm_async() adds "_Cancel"; the destructive button and an option.
CONFIRMATIONS = [
    ['_Shrink'],
    ['_Replace Data'],
    ['_Wipe'],
    ['_Delete Storage'],
    ['_Undefine'],
    ['_Erase'],
    ['_Delete', '_Wipe before deleting: overwrite the data with zeros first (slow)'],
    ['_Delete All', '_Wipe before deleting: overwrite the data with zeros first (slow)'],
]

# Pairs of strings of one file that are never shown at the same time.
APART = set()

WIZARD_BUTTONS = ['_Back', '_Next']
SCAN_BUTTONS = {
    'NETFS': 'S_can for Exports',
    'LOGICAL': 'S_can for Volume Groups',
    'ISCSI': 'S_can for Targets',
}


def read_po(path):
    """msgid (with its context) to msgstr, for the translated entries."""
    messages = {}
    with open(path, encoding='utf-8') as f:
        blocks = f.read().split('\n\n')
    for block in blocks:
        parts = {}
        key = None
        for line in block.split('\n'):
            if line.startswith('#~'):
                break
            m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$', line)
            if m:
                key = m.group(1)
                parts[key] = ast.literal_eval(m.group(2))
            elif line.startswith('"') and key is not None:
                parts[key] += ast.literal_eval(line)
        if parts.get('msgid') and parts.get('msgstr'):
            messages[(parts.get('msgctxt'), parts['msgid'])] = parts['msgstr']
    return messages


def mnemonic(text):
    m = re.search(r'(?<!_)_([^_\s])', text.replace('__', ''))
    return m.group(1).lower() if m else None


def ui_groups(root_dir):
    """(name, [(context, text)]) for each group of the ui files."""
    groups = []
    ui_dir = os.path.join(root_dir, 'ui')
    for name in sorted(os.listdir(ui_dir)):
        if not name.endswith('.ui'):
            continue
        rel = 'ui/' + name
        tree = ET.parse(os.path.join(ui_dir, name))
        rest = []

        def collect(element, into):
            for child in element:
                if child.tag == 'menu':
                    items = []
                    collect(child, items)
                    groups.append(('%s, menu %s' % (rel, child.get('id')), items))
                    continue
                if (child.tag in ('property', 'attribute') and
                        child.get('translatable') in ('yes', 'true', '1') and
                        child.text and mnemonic(child.text)):
                    into.append((child.get('context'), child.text))
                collect(child, into)

        collect(tree.getroot(), rest)
        rest += [(None, text) for text in GROUPS.get(rel, [])]
        groups.append((rel, rest))
    return groups


def wizard_groups(root_dir):
    path = os.path.join(root_dir, 'src/gui/vs-pool-settings-page.c')
    with open(path, encoding='utf-8') as f:
        source = f.read()
    macros = dict(re.findall(r'#define (\w+_LABEL)\s+N_\("([^"]*)"\)', source))
    name = re.search(r'FIELD_NAME, N_\("([^"]*)"\)', source)
    specs = re.findall(r'\{ VS_POOL_TYPE_(\w+), FIELD_\w+, (?:N_\("([^"]*)"\)|(\w+_LABEL))',
                       source)
    if name is None or not specs:
        sys.exit('%s: the field table was not found; update po/check-mnemonics.py' % path)
    per_type = {}
    for pool_type, literal, macro in specs:
        per_type.setdefault(pool_type, [name.group(1)]).append(literal or macros[macro])
    groups = []
    for pool_type, labels in per_type.items():
        labels = labels + ([SCAN_BUTTONS[pool_type]] if pool_type in SCAN_BUTTONS else [])
        groups.append(('the wizard\'s %s settings' % pool_type.lower(),
                       [(None, text) for text in labels + WIZARD_BUTTONS]))
    return groups


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: check-mnemonics.py SOURCE_ROOT')
    root_dir = sys.argv[1]

    groups = ui_groups(root_dir) + wizard_groups(root_dir)
    groups += [('the confirmation “%s”' % texts[0], [(None, t) for t in ['_Cancel'] + texts])
               for texts in CONFIRMATIONS]

    with open(os.path.join(root_dir, 'po/LINGUAS'), encoding='utf-8') as f:
        languages = [w for line in f for w in line.split('#')[0].split()]
    translations = {'en': None}
    for lang in languages:
        translations[lang] = read_po(os.path.join(root_dir, 'po', lang + '.po'))

    failures = 0
    for lang, messages in translations.items():
        for group, items in groups:
            by_letter = {}
            for context, text in items:
                shown = text if messages is None else messages.get((context, text), text)
                letter = mnemonic(shown)
                if letter is not None:
                    by_letter.setdefault(letter, []).append((text, shown))
            for letter, uses in sorted(by_letter.items()):
                sources = {text for text, _ in uses}
                if len(sources) < 2 or any({a, b} <= sources for a, b in APART):
                    continue
                failures += 1
                print('%s: %s: “%s” is the mnemonic of %s' %
                      (lang, group, letter, ', '.join('“%s”' % s for _, s in uses)))

    if failures:
        print('%d mnemonic clashes: give each control of a group its own letter' % failures)
        return 1
    print('no mnemonic is used twice in a menu, a dialog or a page (%s)' %
          ', '.join(translations))
    return 0


if __name__ == '__main__':
    sys.exit(main())
