#!/usr/bin/python3
# a11y.py — finding and using the controls of a GTK 4 window through AT-SPI with dogtail, for the
# end-to-end scenario (scenario.py): waits that scale with $E2E_SLOW, lookups by accessible name and role,
# clicks, text fields, and the dump of a window's tree for a failed step.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import time

from dogtail.config import config

config.checkForA11y = False          # before importing dogtail.tree (testing-gui.md §2)
config.logDebugToStdOut = False
config.logDebugToFile = False
config.actionDelay = 0.1
config.typingDelay = 0.01
config.defaultDelay = 0.1
config.searchBackoffDuration = 0.25
config.searchCutoffCount = 40

from dogtail import rawinput        # noqa: E402
from dogtail.tree import root       # noqa: E402
import pyatspi                      # noqa: E402

# Every wait is multiplied by $E2E_SLOW (default 1) for a slow or loaded machine.
SLOW = max(1.0, float(os.environ.get("E2E_SLOW", "1") or 1))

TEXT_ROLES = {"text", "entry", "password text", "spin button", "editbar", "paragraph"}
NAMED_ROLES = {"push button", "toggle button", "check box", "radio button", "menu item", "list item",
               "combo box", "link", "switch", "text", "entry", "password text", "spin button", "list",
               "tree table", "table", "progress bar", "dialog", "frame", "window"}


class StepFailed(Exception):
    pass


# ------------------------------------------------------------------------------------------------
# Helpers over AT-SPI

def wait_for(cond, timeout=10.0, interval=0.1, what="a condition"):
    timeout *= SLOW
    deadline = time.monotonic() + timeout
    last_exc = None
    while True:
        try:
            value = cond()
            if value:
                return value
        except StepFailed:
            raise
        except Exception as exc:          # nodes go away while the UI changes
            last_exc = exc
        if time.monotonic() > deadline:
            extra = " (last error: %s)" % last_exc if last_exc else ""
            raise StepFailed("timed out after %.0f s waiting for %s%s" % (timeout, what, extra))
        time.sleep(interval)


def safe_name(node):
    try:
        return node.name or ""
    except Exception:
        return ""


def safe_role(node):
    try:
        return node.roleName
    except Exception:
        return ""


SKIP_SUBTREES = {"scroll bar", "image", "separator"}


def descendants(node, limit=5000):
    """All descendants, breadth first, in one pass (no dogtail retries)."""
    out = []
    queue = [node]
    while queue and len(out) < limit:
        n = queue.pop(0)
        try:
            kids = list(n.children)
        except Exception:
            kids = []
        for k in kids:
            out.append(k)
            if safe_role(k) not in SKIP_SUBTREES:
                queue.append(k)
    return out


def name_matches(node, name, loose):
    """GTK 4.8 often adds the label's text to a control's name: "Add Unit Add", "Project name Project name"."""
    n = safe_name(node)
    if n == name:
        return True
    if not loose:
        return False
    n = n.replace("_", "")
    return n == name or n.startswith(name + " ")


def extents(node):
    try:
        e = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        return e.x, e.y, e.width, e.height
    except Exception:
        return 0, 0, 0, 0


def on_screen(node):
    return extents(node)[2] > 0


def find_all_named(scope, name, roles=None, pred=None, nodes=None):
    """Exact names first, then loose ones; those with a size on screen first (hidden stack pages have none)."""
    roles = {roles} if isinstance(roles, str) else roles
    nodes = descendants(scope) if nodes is None else nodes
    out = []
    for loose in (False, True):
        for n in nodes:
            if n in out:
                continue
            try:
                if roles is not None and safe_role(n) not in roles:
                    continue
                if name is not None and not name_matches(n, name, loose):
                    continue
                if pred is not None and not pred(n):
                    continue
            except Exception:
                continue
            out.append(n)
    shown = [n for n in out if on_screen(n)]
    return shown + [n for n in out if n not in shown]


def present_controls(scope, roles=None, nodes=None):
    """What is there, to tell a missing control from a misnamed one."""
    want = roles if roles else NAMED_ROLES
    names = []
    for n in (descendants(scope) if nodes is None else nodes):
        r = safe_role(n)
        nm = safe_name(n)
        if r in want and nm and not nm.startswith(("Gtk", "Adw")):
            item = "%s “%s”" % (r, nm[:50])
            if item not in names:
                names.append(item)
    if not names:
        return " (no control of that kind is there)"
    return " (there: %s%s)" % (", ".join(names[:30]), ", …" if len(names) > 30 else "")


def bfs(node, limit=5000):
    """The descendants, breadth first, as they are read (a search can stop early)."""
    queue = [node]
    seen = 0
    while queue and seen < limit:
        n = queue.pop(0)
        try:
            kids = list(n.children)
        except Exception:
            kids = []
        for k in kids:
            seen += 1
            yield k
            if safe_role(k) not in SKIP_SUBTREES:
                queue.append(k)


def find(scope, name=None, roles=None, pred=None, timeout=3.0, what=None, where=None):
    """The first control with this name (exact, else loose) and role, preferring one on screen (the
    hidden pages of a stack have no size); stops at the first exact match on screen. Waits up to
    timeout; the failure says which controls are there instead."""
    roles = {roles} if isinstance(roles, str) else roles
    deadline = time.monotonic() + timeout * SLOW
    while True:
        found = []
        for n in bfs(scope):
            try:
                if roles is not None and safe_role(n) not in roles:
                    continue
                exact = name is None or safe_name(n) == name
                if not exact and not name_matches(n, name, True):
                    continue
                if pred is not None and not pred(n):
                    continue
                shown = on_screen(n)
            except Exception:
                continue
            if exact and shown:
                return n
            found.append((0 if exact else 1, 0 if shown else 1, len(found), n))
        if found:
            return min(found, key=lambda t: t[:3])[3]
        if time.monotonic() > deadline:
            break
        time.sleep(0.2)
    label = what or ("%s “%s”" % ("/".join(sorted(roles)) if roles else "control", name))
    raise StepFailed("%s: no %s%s" % (where or "window", label, present_controls(scope, roles)))


def try_find(scope, name=None, roles=None, pred=None):
    """find () once, None when it is not there (yet)."""
    try:
        return find(scope, name, roles, pred, timeout=0)
    except StepFailed:
        return None


def find_any(scope, names, roles=None, pred=None, timeout=3.0, where=None, what=None):
    """The first of several possible names (the brief's name first)."""
    deadline = time.monotonic() + timeout * SLOW
    while True:
        for nm in names:
            try:
                return find(scope, nm, roles, pred, timeout=0)
            except StepFailed:
                pass
        if time.monotonic() > deadline:
            break
        time.sleep(0.2)
    rs = {roles} if isinstance(roles, str) else roles
    raise StepFailed("%s: no %s%s" % (where or "window", what or "control “%s”" % names[0],
                                      present_controls(scope, rs)))


def mouse_click(node):
    x, y, w, h = extents(node)
    if w <= 0 or h <= 0:
        raise StepFailed("“%s” (%s) is not on screen, it cannot be clicked" % (safe_name(node), safe_role(node)))
    rawinput.click(x + w // 2, y + h // 2)


def click(node):
    """An AT-SPI Action click when the node has one, else a mouse click at its centre."""
    try:
        actions = node.actions
    except Exception:
        actions = {}
    for a in ("click", "activate", "press", "toggle"):
        if a in actions:
            node.doActionNamed(a)
            return
    mouse_click(node)


def read_text(node):
    """The text of a node (GTK 4.8 returns "" for dogtail's node.text)."""
    try:
        t = node.queryText()
        return t.getText(0, t.characterCount)
    except Exception:
        return ""


def label_texts(scope, limit=3000):
    out = []
    for n in descendants(scope, limit=limit):
        if safe_role(n) == "label":
            out.append(safe_name(n))
            t = read_text(n)
            if t and t != out[-1]:
                out.append(t)
    return out


def is_editable(node):
    try:
        node.queryEditableText()
        return True
    except Exception:
        return False


def is_checked(node):
    try:
        st = node.getState()
        return st.contains(pyatspi.STATE_CHECKED) or st.contains(pyatspi.STATE_PRESSED)
    except Exception:
        return False


def is_sensitive(node):
    try:
        st = node.getState()
        return st.contains(pyatspi.STATE_SENSITIVE) or st.contains(pyatspi.STATE_ENABLED)
    except Exception:
        return False


def set_text(scope, names, value, where=None, timeout=3.0):
    """Type into a text field with EditableText (no key events), then check it reads back."""
    names = [names] if isinstance(names, str) else names
    ed = find_any(scope, names, roles=TEXT_ROLES, pred=is_editable, timeout=timeout,
                  what="text field “%s”" % names[0], where=where)
    ed.queryEditableText().setTextContents(value)
    wait_for(lambda: read_text(ed) == value, timeout=3, what="“%s” to read “%s”" % (names[0], value))
    return ed


def keyring_state():
    """The Secret Service's default collection and whether it is locked, for a failure message."""
    def call(*args):
        r = subprocess.run(["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.secrets"] + list(args),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=10)
        return " ".join(r.stdout.decode(errors="replace").split()[6:])[:200]
    try:
        alias = call("/org/freedesktop/secrets", "org.freedesktop.Secret.Service.ReadAlias", "string:default")
        locked = call("/org/freedesktop/secrets/collection/login", "org.freedesktop.DBus.Properties.Get",
                      "string:org.freedesktop.Secret.Collection", "string:Locked")
        return "default alias %s; login collection Locked %s" % (alias, locked)
    except Exception as exc:
        return "not reachable (%s)" % exc


def dump_tree(node, f, depth=0):
    r = safe_role(node)
    nm = safe_name(node)
    extra = ""
    if is_editable(node):
        extra = " text=%r" % read_text(node)[:60]
    try:
        acts = [a for a in node.actions.keys() if not a.startswith(("clipboard", "selection", "link", "menu.popup"))]
    except Exception:
        acts = []
    f.write("%s%s %r%s%s%s\n" % ("  " * depth, r, nm[:90], " %s" % acts if acts else "", extra,
                                 "" if on_screen(node) or depth == 0 else " (hidden)"))
    if r in SKIP_SUBTREES:
        return
    try:
        kids = list(node.children)
    except Exception:
        kids = []
    for k in kids:
        dump_tree(k, f, depth + 1)
