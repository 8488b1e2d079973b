#!/usr/bin/python3
# scenario.py — the end-to-end scenario of ResLib Studio, driven through AT-SPI with dogtail,
# as a person would: from an empty store to an application package uploaded to a tus server; then a
# second role: a teacher's store joins from the lead's package, contributes, and the lead imports the
# contribution, resolves a conflict and returns a resource with a note that reaches the teacher.
#
# Run it through tests/e2e/run-scenario, which sets up Xvfb, the session bus, the keyring, the
# certificates and the server. Each step takes a screenshot of the window
# (OUT/screenshots/NN-step.png) and counts as one pass or one failure; a failed step also writes
# what the window held (OUT/a11y/NN-step.txt: roles and accessible names). The last line is
# "N passed, N failed"; the exit status is 1 when a step failed.
#
# Controls are found by their accessible names (the brief's list) and used through AT-SPI
# Actions and EditableText; a mouse click at a control's centre only where GTK offers no action
# (list rows, combo rows, entry focus). There is no window manager: windows sit at 0,0.
#
# The app runs with core dumps allowed, in WORK/cores: when it dies of a signal and the kernel wrote a core
# file there (kernel.core_pattern a plain name), the backtrace of every thread goes to
# OUT/app-backtrace-NN.txt (gdb), named in the step's failure.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import hashlib
import io
import json
import glob
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
import traceback

from a11y import (
    rawinput, root, pyatspi, SLOW, TEXT_ROLES, StepFailed, wait_for, safe_name, safe_role, descendants,
    extents, on_screen, find_all_named, present_controls, find, try_find, find_any, mouse_click, click,
    read_text, label_texts, is_editable, is_checked, is_sensitive, set_text, keyring_state, dump_tree
)

APP_NAME = "reslib-studio"           # g_get_prgname (): the binary's name
WINDOW_TITLE = "ResLib Studio"
PAGES = ["Overview", "Dossier", "Units & Team", "Courses", "Resources", "Review", "Checks", "Submit"]

# What the scenario types. The credit codes are valid unified social credit codes (GB 32100).
PROJECT_NAME = "工业机器人技术专业教学资源库（E2E）"
CORE_MAJOR_CODE = "460305"
CORE_MAJOR_NAME = "工业机器人技术"
START_DATE = "2026-01-01"
END_DATE = "2027-01-01"              # the profile wants a 12-month build period
SERVED_MAJOR = ("460104", "机械制造及自动化")
INDUSTRY_CHAIN = "先进装备"          # a cluster of the profile's 7+28+N list
HOSTS = [
    ("河南示范职业技术学院", ["Higher vocational college"], "12410000416001234E"),
    ("中原装备制造职业学院", ["Higher vocational college"], "12410100416004566K"),
    # Added without a credit code on purpose: the checks report it and the unit editor fixes it.
    ("郑州市示范中等职业学校", ["Secondary vocational school"], None),
]
LATE_CREDIT_CODE = "12410100416007898K"
PARTICIPANT = ("河南精工数控机床有限公司", ["Enterprise"], "91410100MA45DM0K3R")
HOST_ROLE = ["Host unit", "Host", "Host unit (主持单位)"]
PARTICIPANT_ROLE = ["Participating unit", "Participant", "Participating unit (参与单位)"]
MEMBER = ("张伟", "教授", "项目负责人")
COURSE_TITLE = "工业机器人编程"
KNOWLEDGE_POINT = "机器人坐标系"
SKILL_POINT = "示教器编程"
AUTHORS = "张伟"
KEYWORDS = "工业机器人, 编程"
DESCRIPTION = "工业机器人技术专业的教学资源。"
LICENCE = "CC BY 4.0"
DOSSIER_FIELDS = [
    (["Start date"], START_DATE),
    (["End date"], END_DATE),
    (["Description"], "面向河南省先进装备产业集群，建设工业机器人技术专业教学资源库。"),
    (["Contact person", "Contact name"], "张伟"),
    (["Contact phone"], "0371-12345678"),
    (["Contact email"], "zhangwei@example.edu.cn"),
]
# The second role: what the teacher adds, the conflict made on purpose, the lead's note.
TEACHER_RESOURCE = "示教器点动操作微课"
TEACHER_DESCRIPTION = "教师新增：十分钟讲清示教器点动操作。"
CONFLICT_MINE = "牵头单位修改的说明。"
CONFLICT_THEIRS = "教师修改的说明。"
RETURN_NOTE = "请补充字幕"


# ------------------------------------------------------------------------------------------------
# The scenario

class Scenario:
    def __init__(self, args):
        self.args = args
        self.out = os.path.abspath(args.out)
        self.shots = os.path.join(self.out, "screenshots")
        self.a11y = os.path.join(self.out, "a11y")
        for d in (self.shots, self.a11y):
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d, exist_ok=True)
        self.results = []
        self.proc = None
        self.app = None
        self.xid = None
        self.step_no = 0
        with open(args.token_file, encoding="ascii") as f:
            self.token = f.read().strip()
        self.t0 = time.monotonic()
        self.package = None
        self._title = None
        self._sidebar = None
        self._pages = {}
        self.cores = os.path.join(os.path.abspath(args.work), "cores")
        os.makedirs(self.cores, exist_ok=True)
        self._traced = set()

    # ---- infrastructure ----------------------------------------------------------------------

    def popen_app(self, argv, log_file):
        """Start the app with core dumps allowed, in the folder of cores."""
        def allow_core_dumps():
            try:
                _, hard = resource.getrlimit(resource.RLIMIT_CORE)
                resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))
            except (ValueError, OSError):
                pass
        return subprocess.Popen(argv, env=self.app_env(), cwd=self.cores, preexec_fn=allow_core_dumps,
                                stdout=log_file, stderr=subprocess.STDOUT)

    def backtrace(self):
        """For an app killed by a signal: the backtrace of its core file, if the kernel wrote one, into
        OUT/app-backtrace-NN.txt (its path, or None)."""
        proc = self.proc
        if proc is None or proc.returncode is None or proc.returncode >= 0 or proc.pid in self._traced:
            return None
        self._traced.add(proc.pid)
        time.sleep(1)                        # the kernel writes the core as the process ends
        cores = sorted(glob.glob(os.path.join(self.cores, "core*")), key=os.path.getmtime)
        if not cores or shutil.which("gdb") is None:
            return None
        path = os.path.join(self.out, "app-backtrace-%02d.txt" % self.step_no)
        try:
            r = subprocess.run(["gdb", "-q", "-batch", "-ex", "info sharedlibrary", "-ex", "thread apply all bt 60",
                                self.args.app, cores[-1]], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               timeout=300)
        except subprocess.TimeoutExpired:
            return None
        with open(path, "w", encoding="utf-8") as f:
            f.write(r.stdout.decode(errors="replace").replace(self.token, "<token>"))
        os.unlink(cores[-1])                 # large; the backtrace is kept
        return path

    def log(self, msg):
        print("  [%5.1fs] %s" % (time.monotonic() - self.t0, msg), flush=True)

    def find_xid(self):
        r = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^%s$" % WINDOW_TITLE],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=10)
        ids = r.stdout.decode().split()
        return ids[0] if ids else None

    def focus_window(self, title=None):
        """Give a window the keyboard focus (there is no window manager to do it when a dialog closes)."""
        xid = self.xid if title is None else None
        if xid is None:
            r = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^%s$" % re.escape(title)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=10)
            ids = r.stdout.decode().split()
            xid = ids[-1] if ids else None
        if xid:
            subprocess.run(["xdotool", "windowfocus", "--sync", xid], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=10)

    def screenshot(self, tag, target=None):
        """`import -window` of the app window (a dialog on top of it, at 0,0, shows in it too), or of
        `target` ("root": the screen, with the windows of their own on top)."""
        path = os.path.join(self.shots, "%02d-%s.png" % (self.step_no, tag))
        target = target or self.xid or self.find_xid() or "root"
        r = subprocess.run(["import", "-window", target, path], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=30)
        if r.returncode != 0:
            self.log("screenshot %s failed: %s" % (path, r.stderr.decode(errors="replace").strip()))
            return None
        return path

    def dump(self, tag):
        """What the windows held (roles, names, texts), for a failed step; the token blanked out."""
        path = os.path.join(self.a11y, "%02d-%s.txt" % (self.step_no, tag))
        buf = io.StringIO()
        for w in self.toplevels():
            dump_tree(w, buf)
        with open(path, "w", encoding="utf-8") as f:
            f.write(buf.getvalue().replace(self.token, "<token>"))
        return path

    def step(self, tag, title, func):
        self.step_no += 1
        self.log("step %02d %s: %s" % (self.step_no, tag, title))
        started = time.monotonic()
        ok, detail = True, ""
        try:
            func()
        except StepFailed as exc:
            ok, detail = False, str(exc)
        except Exception as exc:  # a dogtail or AT-SPI error: a failure of this step
            ok, detail = False, "%s: %s" % (type(exc).__name__, exc)
            traceback.print_exc(file=sys.stdout)
        if self.proc is not None and self.proc.poll() is not None:
            ok = False
            detail = (detail + "; " if detail else "") + "the app exited (status %s)" % self.proc.returncode
            trace = self.backtrace()
            if trace:
                detail += " (backtrace: %s)" % trace
        shot = None
        if self.proc is not None and self.proc.poll() is None:
            shot = self.screenshot(tag)
            if not ok:
                try:
                    self.dump(tag)
                except Exception:
                    pass
            try:
                self.close_stray_windows()
            except Exception:
                pass
        detail = detail.replace(self.token, "<token>")
        self.results.append((self.step_no, tag, ok, detail, shot))
        print("%s %02d %s (%.1f s)%s" % ("PASS" if ok else "FAIL", self.step_no, tag, time.monotonic() - started,
                                        ": " + detail if detail else ""), flush=True)
        return ok

    def app_env(self):
        env = dict(os.environ)
        for k in ("RESLIB_TOKEN", "TUS_TOKEN", "RESLIB_DATA_DIR"):
            env.pop(k, None)
        for k, v in list(env.items()):
            if self.token in v:
                del env[k]
        return env

    def check_token_hidden(self):
        for what in ("cmdline", "environ"):
            with open("/proc/%d/%s" % (self.proc.pid, what), "rb") as f:
                if self.token.encode() in f.read():
                    raise StepFailed("the token is in the app's %s" % what)

    # ---- windows and pages --------------------------------------------------------------------

    def toplevels(self):
        try:
            return list(self.app.children)
        except Exception:
            return []

    def is_main(self, w):
        return safe_role(w) == "frame" and safe_name(w) == WINDOW_TITLE

    def main_window(self):
        for w in self.toplevels():
            if self.is_main(w):
                return w
        raise StepFailed("the main window “%s” is not there" % WINDOW_TITLE)

    def others(self):
        return [w for w in self.toplevels() if not self.is_main(w)]

    def dialog(self, containing, timeout=5.0, where=None, roles=None):
        """A window other than the main one that holds a control named `containing`."""
        def look():
            for w in self.others():
                if find_all_named(w, containing, roles):
                    return w
            return None
        try:
            return wait_for(look, timeout=timeout, what="a dialog with “%s”" % containing)
        except StepFailed:
            others = ["%s “%s”%s" % (safe_role(w), safe_name(w), present_controls(w)) for w in self.others()]
            raise StepFailed("%s: no dialog with a control “%s” opened (other windows: %s)"
                             % (where or "window", containing, "; ".join(others) or "none"))

    def wait_closed(self, dlg, what, timeout=5.0):
        wait_for(lambda: dlg not in self.toplevels(), timeout=timeout, what="%s to close" % what)

    def close_stray_windows(self):
        """Close what a step left open (Escape), so that the next step starts clean."""
        for _ in range(3):
            if not self.others():
                return
            rawinput.pressKey("Escape")
            time.sleep(0.4)

    def press(self, scope, name, expect=None, where=None, timeout=3.0, roles=("push button",)):
        """Click the button `name`; with `expect`, try each button of that name (the hidden copies of a
        stack come last) until expect () holds, and return its value."""
        roles = set(roles)
        cands = []
        deadline = time.monotonic() + timeout * SLOW
        while not cands:
            nodes = descendants(scope)
            cands = find_all_named(scope, name, roles, nodes=nodes)
            if cands or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        if not cands:
            raise StepFailed("%s: no button “%s”%s" % (where or "window", name, present_controls(scope, roles, nodes)))
        if expect is None:
            click(cands[0])
            return cands[0]
        last = None
        for c in cands:
            if not is_sensitive(c) and len(cands) > 1:
                continue
            click(c)
            try:
                return wait_for(expect, timeout=timeout, what="the effect of “%s”" % name)
            except StepFailed as exc:
                last = exc
        raise StepFailed("%s: clicking “%s” did nothing visible (%s)" % (where or "window", name, last))

    def title_shows(self, name):
        if self._title is None:
            self._title = find(self.main_window(), "AdwWindowTitle", where="content header")
        return any(safe_role(n) == "label" and safe_name(n) == name for n in descendants(self._title, limit=10))

    def page(self, name):
        """Show a page with its sidebar row (a mouse click: rows have no action; Alt+N as a fallback)."""
        win = self.main_window()
        if not self.title_shows(name):
            if self._sidebar is None:
                self._sidebar = find(win, "Pages", roles={"list"}, where="sidebar")
            row = find(self._sidebar, name, roles={"list item"}, where="sidebar")
            if not on_screen(row):
                # A folded leaflet shows the page alone: its back button shows the sidebar.
                back = find(win, "Back to the list of pages", roles={"push button"}, where="header bar")
                self.log("the leaflet is folded: “Back to the list of pages”")
                click(back)
                time.sleep(0.5)
            self.click_at(row)
            try:
                wait_for(lambda: self.title_shows(name), timeout=2, what="the page title “%s”" % name)
            except StepFailed:
                self.focus_window()
                rawinput.keyCombo("<Alt>%d" % (PAGES.index(name) + 1))
                wait_for(lambda: self.title_shows(name), timeout=3, what="the page “%s” to be shown" % name)
        time.sleep(0.2)
        if name not in self._pages:
            stack = self._pages.get(None)
            if stack is None:
                panel = find(win, name, roles={"panel"}, pred=lambda n: len(n.children) > 0, where="page stack")
                self._pages[None] = panel.parent
                self._pages[name] = panel
            else:
                self._pages[name] = find(stack, name, roles={"panel"}, where="page stack", timeout=0)
        return self._pages[name]

    def choose(self, scope, combo_names, options, where):
        """Pick one of `options` in a combo row: a click opens its popover (a child of the combo in the
        a11y tree, there only while open), a click on the option picks it."""
        combo_names = [combo_names] if isinstance(combo_names, str) else combo_names
        options = [options] if isinstance(options, str) else options
        combo = find_any(scope, combo_names, roles={"combo box"}, where=where,
                         what="combo “%s”" % combo_names[0])
        self.scroll_into_view(combo)

        def current():
            return [safe_name(n) for n in descendants(combo, limit=80)
                    if safe_role(n) == "label" and not self.in_popover(n, combo)]

        def shows():
            return any(c == o or c.endswith("› " + o) for c in current() for o in options)
        if shows():
            return
        self.focus_window(self.window_title_of(combo))
        mouse_click(combo)

        def popover_items():
            pops = [n for n in descendants(combo, limit=80) if safe_name(n) == "GtkPopover"]
            if not pops:
                return None
            lists = [n for n in descendants(pops[0], limit=400) if safe_role(n) == "list"]
            if not lists:
                return None
            items = [n for n in lists[0].children if safe_role(n) == "list item"]
            return (lists[0], items) if items else None
        try:
            lst, items = wait_for(popover_items, timeout=3, what="the popover of “%s”" % combo_names[0])
        except StepFailed:
            raise StepFailed("%s: a click on combo “%s” opened no list of options" % (where, combo_names[0]))
        offered = [" ".join(safe_name(n) for n in descendants(i, limit=20) if safe_role(n) == "label") for i in items]
        target = next((k for o in options for k, t in enumerate(offered)
                       if t == o or t.startswith(o + " ") or t.endswith("› " + o)), None)
        if target is None:
            rawinput.pressKey("Escape")
            raise StepFailed("%s: combo “%s” offers none of %s (it offers %s)" % (where, combo_names[0], options, offered))
        # The popover has the keyboard: Home, arrow keys to the target, Enter. Once more from where
        # the list really started if that missed.
        time.sleep(0.2)
        rawinput.pressKey("Home")
        for _ in range(target):
            time.sleep(0.05)
            rawinput.pressKey("Down")
        time.sleep(0.1)
        rawinput.pressKey("Return")
        try:
            wait_for(shows, timeout=2, what="“%s” to show “%s”" % (combo_names[0], options[0]))
            return
        except StepFailed:
            pass
        shown = next((k for k, t in enumerate(offered) if t in current()), None)
        if shown is None:
            raise StepFailed("%s: “%s” shows %s after choosing “%s”" % (where, combo_names[0], current(), options[0]))
        mouse_click(combo)
        wait_for(popover_items, timeout=3, what="the popover of “%s” (again)" % combo_names[0])
        time.sleep(0.2)
        for _ in range(abs(target - shown)):
            rawinput.pressKey("Down" if target > shown else "Up")
            time.sleep(0.05)
        rawinput.pressKey("Return")
        wait_for(shows, timeout=3, what="“%s” to show “%s” (it shows %s)" % (combo_names[0], options[0], current()))

    def window_title_of(self, node):
        """The title of the window a node is in (None: the main window)."""
        n = node
        for _ in range(60):
            try:
                parent = n.parent
            except Exception:
                return None
            if parent is None or safe_role(parent) == "application":
                return None if self.is_main(n) else safe_name(n)
            n = parent
        return None

    @staticmethod
    def in_popover(node, top):
        n = node
        for _ in range(30):
            if n is None or n == top:
                return False
            if safe_name(n) == "GtkPopover":
                return True
            try:
                n = n.parent
            except Exception:
                return False
        return False

    def fill(self, scope, names, value, where=None, window=None):
        """Fill a field that saves on its "apply", as a person does: click into it, put the text in
        (EditableText, while it has the focus: an entry row only offers to apply a change made while
        focused), press Enter. Returns the field."""
        names = [names] if isinstance(names, str) else names
        ed = find_any(scope, names, roles=TEXT_ROLES, pred=is_editable, what="text field “%s”" % names[0],
                      where=where)
        self.focus_window(window)
        self.click_at(ed)
        time.sleep(0.2)
        ed.queryEditableText().setTextContents(value)
        wait_for(lambda: read_text(ed) == value, timeout=3, what="“%s” to read “%s”" % (names[0], value))
        rawinput.pressKey("Return")
        time.sleep(0.3)
        return ed

    def click_at(self, node):
        """A mouse click (rows and fields have no action), after scrolling the node into view."""
        if self.scroll_into_view(node):
            self.settle(node)
        mouse_click(node)

    def settle(self, node, timeout=3.0):
        """Waits until the node stays where it is for three reads 0.15 s apart. After a wheel step the
        app answers AT-SPI before it lays the list out again (D-Bus is dispatched before the frame), and
        a list of rows of different heights moves again once it has measured the rows it scrolled to."""
        end = time.time() + timeout
        last, same = None, 0
        while time.time() < end:
            now = extents(node)
            same = same + 1 if now == last else 0
            if same >= 2:
                return
            last = now
            time.sleep(0.15)

    def click_row(self, lst, match, what, attempts=30):
        """Clicks the row of the list `lst` that `match(row)` accepts, where the app itself would hit it.
        GTK 4.8's list view keeps the widgets of rows scrolled out of view, unmapped and not allocated
        again: AT-SPI gives their extents from where they were last laid out, which may be on screen
        over another row. So the row is only clicked once AT-SPI's hit test (GTK's own pick) at its
        centre answers that row; else the list is scrolled towards it, by the order of its rows."""
        def rows():
            return [r for r in descendants(lst) if safe_role(r) in {"list item", "table row"}]
        for _ in range(attempts):
            wanted = [r for r in rows() if match(r)]
            if not wanted:
                break
            self.scroll_into_view(wanted[0])
            self.settle(wanted[0])
            x, y, w, h = extents(wanted[0])
            hit = self.row_at(lst, x + w // 2, y + h // 2) if w > 0 and h > 0 else None
            if hit is not None and match(hit):
                rawinput.click(x + w // 2, y + h // 2)
                return hit
            self.wheel_toward(lst, match)
        raise StepFailed("%s: the row is not there to click (rows: %s)" % (what, self.row_texts(lst)[:8]))

    def row_at(self, lst, x, y):
        """The row of the list `lst` that a click at (x, y) reaches (AT-SPI's hit test: the widget GTK
        picks there, and its parents up to the row), or None."""
        try:
            n = lst.queryComponent().getAccessibleAtPoint(x, y, pyatspi.DESKTOP_COORDS)
        except Exception:
            return None
        for _ in range(40):
            if n is None:
                return None
            role = safe_role(n)
            if role in {"list item", "table row"}:
                return n
            if role in {"list", "tree table", "table", "scroll pane", "frame"}:
                return None
            try:
                n = n.parent
            except Exception:
                return None
        return None

    def wheel_toward(self, lst, match):
        """Turns the mouse wheel over the list `lst` towards its row that `match(row)` accepts: down
        when that row comes after the row shown in the middle of the list (the rows are in the list's
        order), else up; a notch per row between them (a notch scrolls about a row), 1 to 12."""
        x, y, w, h = extents(lst)
        if w <= 0 or h <= 0:
            return
        key = lambda r: tuple([safe_name(r)] + label_texts(r, limit=40))
        rows = [r for r in descendants(lst) if safe_role(r) in {"list item", "table row"}]
        order = [key(r) for r in rows]
        wanted = next((i for i, r in enumerate(rows) if match(r)), None)
        middle = self.row_at(lst, x + w // 2, y + h // 2)
        here = order.index(key(middle)) if middle is not None and key(middle) in order else -1
        button = 5 if wanted is None or wanted > here else 4
        notches = 3 if wanted is None or here < 0 else max(1, min(12, abs(wanted - here)))
        for _ in range(notches):
            pyatspi.Registry.generateMouseEvent(x + w // 2, y + min(h // 2, 40), "abs")
            pyatspi.Registry.generateMouseEvent(x + w // 2, y + min(h // 2, 40), "b%dc" % button)
            time.sleep(0.08)

    def scroll_into_view(self, node):
        """Scroll the nearest scrolled window with the mouse wheel until the node is inside it. Returns
        whether it scrolled."""
        pane = None
        n = node
        for _ in range(40):
            try:
                n = n.parent
            except Exception:
                n = None
            if n is None:
                break
            if safe_role(n) == "scroll pane":
                pane = n
                break
        if pane is None:
            return False
        px, py, pw, ph = extents(pane)
        if pw <= 0:
            return False
        scrolled = False
        wheel = lambda b: (pyatspi.Registry.generateMouseEvent(px + pw // 2, py + min(ph // 2, 40), "abs"),
                           pyatspi.Registry.generateMouseEvent(px + pw // 2, py + min(ph // 2, 40), "b%dc" % b))
        if extents(node)[3] <= 0:
            # A row of a long list that is not laid out yet: wheel down, then up, until it is.
            for b in [5] * 40 + [4] * 80:
                if extents(node)[3] > 0:
                    break
                wheel(b)
                scrolled = True
                time.sleep(0.05)
        for _ in range(60):
            x, y, w, h = extents(node)
            if h <= 0:
                return scrolled
            if y >= py and y + min(h, ph) <= py + ph:
                return scrolled
            wheel(5 if y + h > py + ph else 4)
            scrolled = True
            time.sleep(0.08)
        return scrolled

    def pick_file(self, path, what, accept=("Select", "Open", "Import", "Choose")):
        """The GTK file chooser (GtkFileChooserNative without a portal): type "/" to open its location
        entry, put the path in it, press the accept button."""
        chooser = wait_for(lambda: next((w for w in self.others() if find_all_named(w, "GtkFileChooserWidget")),
                                        None), timeout=6, what="the file chooser of %s" % what)
        time.sleep(0.5)
        self.focus_window(safe_name(chooser))
        rawinput.typeText("/")

        def location():
            for n in find_all_named(chooser, None, TEXT_ROLES, pred=is_editable):
                if read_text(n).startswith("/"):
                    return n
            return None
        loc = wait_for(location, timeout=4, what="the file chooser's location entry (after typing “/”)")
        loc.queryEditableText().setTextContents(path)
        wait_for(lambda: read_text(loc) == path, timeout=3, what="the location to read the path")
        time.sleep(0.3)
        btn = None
        for label in accept:
            for n in find_all_named(chooser, label, {"push button"}):
                if is_sensitive(n) and on_screen(n):
                    btn = n
                    break
            if btn:
                break
        if btn is None:
            raise StepFailed("file chooser of %s: no accept button%s" % (what, present_controls(chooser, {"push button"})))
        click(btn)
        self.wait_closed(chooser, "the file chooser of %s" % what, timeout=6)

    def row_texts(self, listnode, roles=("list item", "table row")):
        texts = []
        for r in descendants(listnode, limit=3000):
            if safe_role(r) in roles:
                parts = [safe_name(r)] + [safe_name(n) for n in descendants(r, limit=40) if safe_role(n) == "label"]
                texts.append(" | ".join(p for p in parts if p))
        return texts

    def has_text(self, scope, text, limit=3000):
        return any(text in safe_name(n) for n in descendants(scope, limit=limit))

    # ---- steps ---------------------------------------------------------------------------------

    def s_start(self):
        a = self.args
        self.log_file = open(os.path.join(self.out, "app.log"), "w")
        self.proc = self.popen_app([a.app, "--data-dir", a.data_dir], self.log_file)
        self.app = wait_for(lambda: root.application(APP_NAME), timeout=20, what="the app on the a11y bus")
        wait_for(lambda: self.main_window(), timeout=10, what="the main window")
        self.xid = wait_for(self.find_xid, timeout=10, what="the X window “%s”" % WINDOW_TITLE)
        time.sleep(0.5)                      # the first frame
        shot = self.screenshot("blank-check")
        if shot:
            r = subprocess.run(["/usr/bin/convert", shot, "-format", "%[fx:standard_deviation]", "info:"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            os.unlink(shot)
            if float(r.stdout.decode().strip() or 0) < 0.01:
                raise StepFailed("the window is blank")
        self.check_token_hidden()

    def s_new_project(self):
        win = self.main_window()
        dlg = self.press(win, "New Project", expect=lambda: self.dialog("Project name", timeout=0.5),
                         where="window (empty page or sidebar header)")
        set_text(dlg, "Project name", PROJECT_NAME, where="New Project dialog")
        set_text(dlg, "Core major code", CORE_MAJOR_CODE, where="New Project dialog")
        set_text(dlg, "Core major name", CORE_MAJOR_NAME, where="New Project dialog")
        try:
            set_text(dlg, "Start date", START_DATE, where="New Project dialog", timeout=0.3)
        except StepFailed:
            pass                             # optional here: the Dossier step sets it too
        create = find(dlg, "Create", roles={"push button"}, where="New Project dialog")
        wait_for(lambda: is_sensitive(create), timeout=3, what="“Create” to be enabled")
        click(create)
        self.wait_closed(dlg, "the New Project dialog")
        combo = find(win, "Project", roles={"combo box"}, where="sidebar header")
        wait_for(lambda: self.has_text(combo, PROJECT_NAME, limit=60), timeout=5,
                 what="the project switcher to show “%s”" % PROJECT_NAME)

    def add_unit(self, page, name, kinds, roles, code):
        dlg = self.press(page, "Add Unit", expect=lambda: self.dialog("Unit name", timeout=0.5), where="Units & Team")
        set_text(dlg, "Unit name", name, where="Add Unit dialog")
        self.choose(dlg, "Unit kind", kinds, "Add Unit dialog")
        self.choose(dlg, "Unit role", roles, "Add Unit dialog")
        if code:
            set_text(dlg, "Credit code", code, where="Add Unit dialog")
        add = find(dlg, "Add", roles={"push button"}, where="Add Unit dialog")
        wait_for(lambda: is_sensitive(add), timeout=3, what="“Add” to be enabled in Add Unit")
        click(add)
        self.wait_closed(dlg, "the Add Unit dialog")

    def s_units(self):
        page = self.page("Units & Team")
        for name, kinds, code in HOSTS:
            self.add_unit(page, name, kinds, HOST_ROLE, code)
        self.add_unit(page, PARTICIPANT[0], PARTICIPANT[1], PARTICIPANT_ROLE, PARTICIPANT[2])
        units = find(page, "Units", roles={"list", "tree table", "table"}, where="Units & Team")
        names = [h[0] for h in HOSTS] + [PARTICIPANT[0]]
        rows = wait_for(lambda: (lambda t: t if all(any(n in x for x in t) for n in names) else None)(
            self.row_texts(units)), timeout=5, what="the 4 units in the list “Units”")
        # The hosts come first, in the order they were added (host rank 1, 2, 3), then the participant.
        order = [next((i for i, t in enumerate(rows) if n in t), -1) for n in names]
        if order != sorted(order):
            raise StepFailed("the list “Units” is not in the order hosts 1–3, participant: %s" % rows)

    def s_member(self):
        page = self.page("Units & Team")
        dlg = self.press(page, "Add Member", expect=lambda: self.dialog("Member name", timeout=0.5),
                         where="Units & Team")
        set_text(dlg, "Member name", MEMBER[0], where="Add Member dialog")
        self.choose(dlg, "Member unit", HOSTS[0][0], "Add Member dialog")
        set_text(dlg, "Member title", MEMBER[1], where="Add Member dialog")
        set_text(dlg, "Member duty", MEMBER[2], where="Add Member dialog")
        add = find(dlg, "Add", roles={"push button"}, where="Add Member dialog")
        wait_for(lambda: is_sensitive(add), timeout=3, what="“Add” to be enabled in Add Member")
        click(add)
        self.wait_closed(dlg, "the Add Member dialog")
        members = find(page, "Team members", roles={"list", "tree table", "table"}, where="Units & Team")
        wait_for(lambda: self.has_text(members, MEMBER[0]), timeout=5, what="“%s” in “Team members”" % MEMBER[0])

    def s_import(self):
        page = self.page("Resources")
        self.press(page, "Import Folder", where="Resources",
                   expect=lambda: any(find_all_named(w, None, {"push button"}) for w in self.others()))
        self.pick_file(self.args.resources, "Import Folder")
        table = find(page, "Resources", roles={"tree table", "table", "list"}, where="Resources")
        wait_for(lambda: all(self.has_text(table, t) for t in self.args.resource_titles), timeout=30,
                 what="the imported resources %s in the column view “Resources”" % self.args.resource_titles)

    def run_checks(self):
        page = self.page("Checks")
        button = find(page, "Run Checks", roles={"push button"}, where="Checks")
        header = button.parent.parent if button.parent is not None and button.parent.parent is not None else page
        checked = lambda: [t for t in label_texts(header, limit=60) if t.startswith("Checked at")]
        had = checked()
        click(button)
        # Done when the page says when it checked: "Checked at …" (a new one, unless in the same minute).
        if had:
            try:
                wait_for(lambda: checked() and checked() != had, timeout=4, what="a new “Checked at …”")
            except StepFailed:
                pass
        wait_for(checked, timeout=30, what="the checks to finish (“Checked at …” on the Checks page)")
        time.sleep(0.3)
        summary = [t for t in label_texts(header, limit=60) if t.startswith("Errors:")]
        lst = find(page, "Findings", roles={"list", "tree table", "table"}, where="Checks")
        self.expand_groups(lst)
        texts = self.row_texts(lst)
        with open(os.path.join(self.out, "findings-%02d.txt" % self.step_no), "w", encoding="utf-8") as f:
            f.write("\n".join(summary + texts) + "\n")
        self.log("checks: %s, %d rows" % (summary[0] if summary else "no summary", len(texts)))
        return page, lst, texts, summary

    def expand_groups(self, lst):
        """Opens every group of findings (a row that says “N finding(s)”), the last first so that the rows
        above stay where they are."""
        count = re.compile(r"^[0-9]+ findings?$")
        groups = [r for r in descendants(lst, limit=3000) if safe_role(r) in {"list item", "table row"}
                  and any(count.match(t) for t in label_texts(r, limit=40))]
        for row in reversed(groups):
            before = len(self.row_texts(lst))
            self.click_at(row)
            wait_for(lambda: len(self.row_texts(lst)) > before, timeout=3,
                     what="the group “%s” to open and show its findings" % " | ".join(label_texts(row, limit=40)))

    def s_checks_first(self):
        page, lst, texts, summary = self.run_checks()
        joined = "\n".join(texts).lower()
        if not texts:
            raise StepFailed("Checks: the list “Findings” is empty after Run Checks on an unfinished project")
        missing = [w for w in ("credit code", "declaration", "author", "not linked") if w not in joined]
        if missing:
            raise StepFailed("Checks: no finding mentions %s (findings: %s)" % (", ".join(missing), texts[:8]))

    def unit_details(self, team):
        return find(team, "Unit details", roles={"list", "panel"}, where="Units & Team")

    def s_fix_units(self):
        page = self.page("Checks")
        lst = find(page, "Findings", roles={"list", "tree table", "table"}, where="Checks")
        # Open the missing credit code's finding: its subject is the unit, on the Units & Team page.
        def credit_finding(r):
            texts = " ".join([safe_name(r)] + label_texts(r, limit=40))
            return HOSTS[2][0] in texts and "credit" in texts.lower()
        self.click_row(lst, credit_finding, "Checks: the finding about the credit code of “%s”" % HOSTS[2][0])
        try:
            wait_for(lambda: self.title_shows("Units & Team"), timeout=2, what="the finding's subject")
        except StepFailed:
            rawinput.pressKey("Return")
            wait_for(lambda: self.title_shows("Units & Team"), timeout=3,
                     what="activating the finding to open its subject on the Units & Team page")
        team = self.page("Units & Team")
        details = self.unit_details(team)
        wait_for(lambda: self.has_text(details, HOSTS[2][0]) or
                 any(read_text(n) == HOSTS[2][0] for n in find_all_named(details, None, TEXT_ROLES)),
                 timeout=3, what="the unit editor to show “%s”" % HOSTS[2][0])
        self.fill(details, "Credit code", LATE_CREDIT_CODE, where="Units & Team unit editor")
        # Sign each unit's IP declaration in its editor.
        units = find(team, "Units", roles={"list", "tree table", "table"}, where="Units & Team")
        for name in [h[0] for h in HOSTS] + [PARTICIPANT[0]]:
            row = find(units, name, roles={"list item", "table row"}, where="list “Units”")
            self.click_at(row)
            wait_for(lambda: self.has_text(details, name) or
                     any(read_text(n) == name for n in find_all_named(details, None, TEXT_ROLES)),
                     timeout=3, what="the unit editor to show “%s”" % name)
            sw = find(details, "IP declaration signed", roles={"switch", "toggle button", "check box"},
                      where="Units & Team unit editor")
            if not is_checked(sw):
                click(sw)
                # The editor may be rebuilt after the change: look the switch up again.
                wait_for(lambda: is_checked(try_find(details, "IP declaration signed",
                                                     roles={"switch", "toggle button", "check box"})),
                         timeout=3, what="“IP declaration signed” on for %s" % name)
        # The store has it: the list shows the late credit code.
        wait_for(lambda: self.has_text(units, LATE_CREDIT_CODE), timeout=3,
                 what="“%s” in the unit's row of “Units”" % LATE_CREDIT_CODE)

    def s_dossier(self):
        page = self.page("Dossier")
        for names, value in DOSSIER_FIELDS:
            self.fill(page, names, value, where="Dossier")
        # The industry or field: "Set Industry or Field" opens a dialog; the lists are a combo.
        dlg = self.press(page, "Set Industry or Field", where="Dossier",
                         expect=lambda: self.dialog("Industry or field", timeout=0.5))
        if try_find(dlg, "Industry or field", roles={"combo box"}) is not None:
            self.choose(dlg, "Industry or field", INDUSTRY_CHAIN, "Set Industry or Field dialog")
        else:
            set_text(dlg, "Industry or field", INDUSTRY_CHAIN, where="Set Industry or Field dialog")
        click(find(dlg, "Add", roles={"push button"}, where="Set Industry or Field dialog"))
        self.wait_closed(dlg, "the Set Industry or Field dialog")
        chains = find(page, "Industries and fields", roles={"list"}, where="Dossier")
        wait_for(lambda: self.has_text(chains, INDUSTRY_CHAIN), timeout=5,
                 what="“%s” in “Industries and fields”" % INDUSTRY_CHAIN)
        if self.has_text(chains, "in none of the profile"):
            raise StepFailed("Dossier: “Industries and fields” says “%s” is in none of the lists: %s"
                             % (INDUSTRY_CHAIN, self.row_texts(chains)))
        # A served major.
        dlg = self.press(page, "Add Served Major", where="Dossier",
                         expect=lambda: self.dialog("Major code", timeout=0.5))
        set_text(dlg, "Major code", SERVED_MAJOR[0], where="Add Served Major dialog")
        set_text(dlg, "Major name", SERVED_MAJOR[1], where="Add Served Major dialog")
        click(find(dlg, "Add", roles={"push button"}, where="Add Served Major dialog"))
        self.wait_closed(dlg, "the Add Served Major dialog")
        majors = find(page, "Served majors", roles={"list"}, where="Dossier")
        wait_for(lambda: self.has_text(majors, SERVED_MAJOR[1]), timeout=5,
                 what="“%s” in “Served majors”" % SERVED_MAJOR[1])
        # What was typed is still there (read back from the fields).
        for names, value in DOSSIER_FIELDS:
            ed = find_any(page, names, roles=TEXT_ROLES, pred=is_editable, where="Dossier")
            if read_text(ed) != value:
                raise StepFailed("Dossier: “%s” reads “%s” after Enter, not “%s”" % (names[0], read_text(ed), value))

    def tree_row(self, tree, title):
        return find(tree, title, roles={"panel", "list item", "tree item", "table row", "label"},
                    pred=on_screen, where="Course tree")

    def s_course(self):
        page = self.page("Courses")
        dlg = self.press(page, "Add Course", where="Courses", expect=lambda: self.dialog("Course title", timeout=0.5))
        set_text(dlg, "Course title", COURSE_TITLE, where="Add Course dialog")
        click(find(dlg, "Add", roles={"push button"}, where="Add Course dialog"))
        self.wait_closed(dlg, "the Add Course dialog")
        tree = find(page, "Course tree", where="Courses")
        wait_for(lambda: self.has_text(tree, COURSE_TITLE), timeout=5, what="“%s” in the “Course tree”" % COURSE_TITLE)
        for title, kinds in ((KNOWLEDGE_POINT, ["Knowledge point", "Knowledge"]), (SKILL_POINT, ["Skill point", "Skill"])):
            self.click_at(self.tree_row(tree, COURSE_TITLE))
            time.sleep(0.3)
            dlg = self.press(page, "Add Node", where="Courses", expect=lambda: self.dialog("Node title", timeout=0.5))
            set_text(dlg, "Node title", title, where="Add Node dialog")
            self.choose(dlg, "Node kind", kinds, "Add Node dialog")
            click(find(dlg, "Add", roles={"push button"}, where="Add Node dialog"))
            self.wait_closed(dlg, "the Add Node dialog")
            wait_for(lambda: self.has_text(tree, title), timeout=5, what="“%s” in the “Course tree”" % title)

    def select_all_resources(self, page):
        table = find(page, "Resources", roles={"tree table", "table", "list"}, where="Resources")
        self.press(page, "Select All", where="Resources")
        time.sleep(0.3)
        return table

    def s_bulk_edit(self):
        page = self.page("Resources")
        self.select_all_resources(page)
        self.edit_selected(page, author=AUTHORS, unit=HOSTS[0][0], origin=["Original work", "Original"],
                           node=KNOWLEDGE_POINT)
        table = find(page, "Resources", roles={"tree table", "table", "list"}, where="Resources")
        wait_for(lambda: sum(1 for n in descendants(table) if safe_name(n) == AUTHORS) >= len(self.args.resource_titles),
                 timeout=5, what="the Author column to show “%s” for every resource" % AUTHORS)
        # The skill point gets the image: select that one resource, Edit Selected again.
        self.select_resource(page, self.args.resource_titles[2])
        self.edit_selected(page, node=SKILL_POINT)
        time.sleep(0.5)
        self.check_count(page)

    def edit_selected(self, page, author=None, unit=None, origin=None, node=None):
        where = "Edit Selected dialog"
        dlg = self.press(page, "Edit Selected", where="Resources",
                         expect=lambda: self.dialog("Unit", timeout=0.5, roles={"combo box"}))
        if author:
            set_text(dlg, ["Authors", "Author"], author, where=where)
        if unit:
            self.choose(dlg, "Unit", unit, where)
        if origin:
            self.choose(dlg, "Origin", origin, where)
        if node:
            self.pick_nodes(dlg, node, where)
        btn = find_any(dlg, ["Apply", "Save", "OK"], roles={"push button"}, where=where, what="button “Apply”")
        click(btn)
        self.wait_closed(dlg, "the Edit Selected dialog", timeout=10)

    def pick_nodes(self, dlg, node, where):
        """The Course nodes row's Choose… opens the picker: tick the node's box, Apply."""
        self.press(dlg, "Choose…", where=where)
        picker = self.dialog("Search course nodes", where="the course node picker")
        box = find(picker, None, roles={"check box"}, pred=lambda n: safe_name(n).endswith(node),
                   where="the course node picker", what="the box of “%s”" % node)
        click(box)
        btn = find_any(picker, ["Apply"], roles={"push button"}, where="the course node picker", what="button “Apply”")
        click(btn)
        self.wait_closed(picker, "the course node picker", timeout=5)

    def check_count(self, page):
        """The column view lists each resource once ("Resources: N" under it, and the rows)."""
        n = len(self.args.resource_titles)
        count = [t for t in label_texts(page) if t.startswith("Resources:")]
        if count and count[0] != "Resources: %d" % n:
            raise StepFailed("Resources: the column view lists “%s” for %d resources (a row per change?)"
                             % (count[0], n))

    def select_resource(self, page, title):
        table = find(page, "Resources", roles={"tree table", "table", "list"}, where="Resources")
        cell = find(table, title, roles={"label", "table cell"}, where="column view “Resources”")
        self.click_at(cell)
        details = find(page, "Resource details", where="Resources")
        wait_for(lambda: any(read_text(n) == title for n in find_all_named(details, "Title", TEXT_ROLES)),
                 timeout=3, what="the details of “%s”" % title)
        return details

    def s_resource_details(self):
        page = self.page("Resources")
        for title in self.args.resource_titles:
            details = self.select_resource(page, title)
            for names, value in ((["Description"], DESCRIPTION), (["Keywords"], KEYWORDS),
                                 (["Licence", "License"], LICENCE)):
                self.fill(details, names, value, where="Resources → Resource details")
        self.check_count(page)
        # Read back, from a fresh selection: what was typed was stored.
        details = self.select_resource(page, self.args.resource_titles[0])
        details = self.select_resource(page, self.args.resource_titles[1])
        for names, value in ((["Description"], DESCRIPTION), (["Keywords"], KEYWORDS)):
            ed = find_any(details, names, roles=TEXT_ROLES, pred=is_editable, where="Resource details")
            if read_text(ed) != value:
                raise StepFailed("Resource details: “%s” reads “%s” after Enter, not “%s”" % (names[0], read_text(ed), value))

    def s_submit_review(self):
        page = self.page("Resources")
        table = self.select_all_resources(page)
        self.press(page, "Submit for Review", where="Resources")
        try:
            dlg = self.dialog("Submit", timeout=1.0, roles={"push button"})
            click(find(dlg, "Submit", roles={"push button"}, where="Submit for Review confirmation"))
        except StepFailed:
            pass
        wait_for(lambda: sum(1 for n in descendants(table) if safe_name(n) == "In review")
                 >= len(self.args.resource_titles), timeout=10,
                 what="every resource to show “In review” in the column view")

    def s_approve(self):
        page = self.page("Review")
        queue = find(page, "Review queue", where="Review")
        wait_for(lambda: all(self.has_text(queue, t) for t in self.args.resource_titles), timeout=5,
                 what="the resources in the “Review queue”")
        self.press(page, "Approve All", where="Review")
        try:
            dlg = self.dialog("Approve All", timeout=1.5, roles={"push button"})
            click(find(dlg, "Approve All", roles={"push button"}, where="Approve All confirmation"))
        except StepFailed:
            pass
        wait_for(lambda: not any(self.has_text(queue, t) for t in self.args.resource_titles)
                 or self.has_text(page, "Nothing to Review"), timeout=10, what="the “Review queue” to empty")
        res = self.page("Resources")
        table = find(res, "Resources", roles={"tree table", "table", "list"}, where="Resources")
        wait_for(lambda: sum(1 for n in descendants(table) if safe_name(n) == "Approved")
                 >= len(self.args.resource_titles), timeout=5,
                 what="every resource to show “Approved” on the Resources page")

    def s_checks_clean(self):
        page, lst, texts, summary = self.run_checks()
        errors = [t for t in texts if t.startswith("Errors:") or "| Errors" in t]
        if summary and not summary[0].startswith("Errors: 0"):
            raise StepFailed("Checks: %s — %s" % (summary[0], errors[:6] or texts[:6]))
        if errors:
            raise StepFailed("Checks still reports errors: %s" % errors[:6])

    def s_preferences(self):
        a = self.args
        win = self.main_window()
        self.focus_window()
        rawinput.keyCombo("<Control>comma")
        try:
            prefs = self.dialog("Endpoint URL", timeout=3, where="Preferences (Ctrl+,)")
        except StepFailed:
            self.press(win, "Main Menu", where="header bar")
            time.sleep(0.4)
            item = find(self.app, "Preferences", roles={"menu item", "push button"}, where="Main Menu")
            click(item)
            prefs = self.dialog("Endpoint URL", timeout=5, where="Preferences")
        self.fill(prefs, "Endpoint URL", a.endpoint, where="Preferences", window="Preferences")
        # The CA file: its chooser.
        self.press(prefs, "Choose CA file", where="Preferences",
                   expect=lambda: any(w for w in self.others() if w is not prefs and safe_name(w) != "Preferences"))
        self.pick_file(a.ca_file, "CA file", accept=("Select", "Open", "Choose"))
        wait_for(lambda: self.has_text(prefs, os.path.basename(a.ca_file)), timeout=3,
                 what="the CA file row to show %s" % os.path.basename(a.ca_file))
        # The token: into the keyring.
        self.fill(prefs, "Token", self.token, where="Preferences", window="Preferences")
        try:
            wait_for(lambda: any("stored in the keyring" in t for t in label_texts(prefs)), timeout=10,
                     what="Preferences to say the token is stored in the keyring")
        except StepFailed as exc:
            raise StepFailed("%s (it says %s; the keyring: %s)"
                             % (exc, [t for t in label_texts(prefs) if "oken" in t or "eyring" in t][:3],
                                keyring_state()))
        if any(self.token in t for t in label_texts(prefs)):
            raise StepFailed("Preferences shows the token in a label")
        rawinput.pressKey("Escape")
        self.wait_closed(prefs, "Preferences")

    def s_build_package(self):
        page = self.page("Submit")
        self.choose(page, "Package kind", "Application", "Submit")
        self.press(page, "Build Package", where="Submit")
        find(page, "Package progress", roles={"progress bar"}, where="Submit")    # the brief's name
        upload = find(page, "Upload", roles={"list"}, where="Submit")

        def built():
            for t in label_texts(page):
                if "block" in t and "package" in t:
                    raise StepFailed("Submit: %s" % t)
            for n in descendants(upload, limit=200):
                m = re.search(r"(/.*\.tar)$", safe_name(n)) if safe_role(n) == "label" else None
                if m and os.path.isfile(m.group(1)):
                    return m.group(1)
            return None
        self.package = wait_for(built, timeout=60, what="“Package to upload” to name the built package (.tar)")
        self.log("package %s (%d bytes)" % (self.package, os.path.getsize(self.package)))

    def s_upload(self):
        if not self.package:
            raise StepFailed("not run: no package was built")
        page = self.page("Submit")
        self.press(page, "Upload", where="Submit")
        subs = find(page, "Submissions", roles={"list"}, where="Submit")
        wait_for(lambda: any(safe_name(n).startswith("Uploaded") or " · Uploaded " in safe_name(n)
                             for n in descendants(subs, limit=400)), timeout=60,
                 what="a submission “Uploaded …” in the list “Submissions” (status: %s)"
                      % [safe_name(n) for n in find_all_named(page, "Upload status")][:1])

    def s_arrived(self):
        a = self.args
        page = self.page("Submit")
        subs = find(page, "Submissions", roles={"list"}, where="Submit")
        # The sha256 the app shows for the submission.
        shown = {m.group(0) for n in descendants(subs, limit=600)
                 for m in [re.search(r"\b[0-9a-f]{64}\b", safe_name(n) + " " + read_text(n))] if m}
        stored = {}
        for f in os.listdir(a.upload_dir):
            p = os.path.join(a.upload_dir, f)
            if os.path.isfile(p) and not f.endswith(".json"):
                with open(p, "rb") as fh:
                    stored[hashlib.sha256(fh.read()).hexdigest()] = f
        if not stored:
            raise StepFailed("the server stored no file in %s" % a.upload_dir)
        if not self.package:
            raise StepFailed("no package was built")
        with open(self.package, "rb") as fh:
            want = hashlib.sha256(fh.read()).hexdigest()
        if want not in stored:
            raise StepFailed("no upload on the server has the package's sha256 %s (uploads: %s)" % (want, stored))
        if shown and want not in shown:
            raise StepFailed("the Submissions list shows sha256 %s, the package has %s" % (shown, want))
        self.log("the server holds %s = %s (sha256 %s)%s" % (stored[want], self.package, want,
                                                            "" if shown else "; the list shows no sha256"))
        # The token stayed out of the app's command line, environment and store.
        self.check_token_hidden()
        for dirpath, _, names in os.walk(a.data_dir):
            for nm in names:
                p = os.path.join(dirpath, nm)
                if os.path.getsize(p) < 256 * 1024 * 1024:
                    with open(p, "rb") as fh:
                        if self.token.encode() in fh.read():
                            raise StepFailed("the token was written to %s" % p)

    # ---- the second role: a teacher and the lead exchange packages -----------------------------
    #
    # The lead is the store of the steps above. A teacher's store (its own --data-dir) joins from the
    # lead's progress package, adds and describes a resource, contributes; the lead opens the
    # contribution from the command line, imports it, takes the teacher's side of a conflict made on
    # purpose, rejects the new resource with a note; the teacher imports the lead's next package (a
    # contribution: a progress package holds approved resources only) and sees the note. One app at a time; each outcome is checked in the stores with `reslib --json`.

    def cli(self, data_dir, *args, check=True):
        r = subprocess.run([self.args.cli, "--data-dir", data_dir] + list(args), env=self.app_env(),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        if check and r.returncode != 0:
            raise StepFailed("reslib %s: exit %d: %s" % (" ".join(args), r.returncode,
                                                         r.stderr.decode(errors="replace").strip()[:400]))
        return r.stdout.decode(errors="replace")

    def cli_json(self, data_dir, *args):
        out = self.cli(data_dir, *(list(args) + ["--json"]))
        try:
            return json.loads(out)
        except ValueError:
            raise StepFailed("reslib %s --json printed no JSON: %s" % (" ".join(args), out[:200]))

    def resources_of(self, data_dir):
        return {r.get("title"): r for r in self.cli_json(data_dir, "resource", "list", self.team["project"])}

    def start_app(self, data_dir, *files, log="app"):
        """Start the app on a store (the files to open after it), wait for its main window."""
        self.stop_app()
        self.app = self.xid = self._title = self._sidebar = None
        self._pages = {}
        self.log_file = open(os.path.join(self.out, "%s.log" % log), "a")
        self.proc = self.popen_app([self.args.app, "--data-dir", data_dir] + list(files), self.log_file)
        pid = self.proc.pid

        def ours():
            for a in root.applications():
                try:
                    if safe_name(a) == APP_NAME and a.get_process_id() == pid:
                        return a
                except Exception:
                    continue
            return None
        self.app = wait_for(ours, timeout=20, what="the app (pid %d) on the a11y bus" % pid)
        wait_for(lambda: self.main_window(), timeout=10, what="the main window")
        self.xid = wait_for(self.find_xid, timeout=10, what="the X window “%s”" % WINDOW_TITLE)
        time.sleep(0.5)

    def import_review(self, what, tag, expect=()):
        """The import review: wait until it shows what the package brings (its Import button), check
        that it says each of `expect`, press Import, wait until it closes."""
        def ready():
            for w in self.others():
                for b in find_all_named(w, "Import", {"push button"}):
                    if safe_name(b).replace("_", "") == "Import" and on_screen(b) and is_sensitive(b):
                        return w, b
            return None
        dlg, btn = wait_for(ready, timeout=30, what="the review of %s with its button “Import”" % what)
        for text in expect:
            wait_for(lambda: self.has_text(dlg, text), timeout=5,
                     what="the review of %s to say “%s”" % (what, text))
        self.screenshot("%s-review" % tag, "root")
        click(btn)
        self.wait_closed(dlg, "the review of %s" % what, timeout=30)

    def s_team_setup(self):
        a = self.args
        self.stop_app()
        projects = self.cli_json(a.data_dir, "project", "list")
        project = next((p for p in projects if p.get("name") == PROJECT_NAME), None)
        if project is None:
            raise StepFailed("the lead's store has no project “%s” (%s)" % (PROJECT_NAME, projects))
        self.team = {"project": project["id"], "lead": a.data_dir,
                     "teacher": os.path.join(a.work, "teacher-data"),
                     "lead-1": os.path.join(a.work, "lead-1.tar"), "lead-2": os.path.join(a.work, "lead-2.tar")}
        self.cli(a.data_dir, "pack", project["id"], "--kind", "progress", "-o", self.team["lead-1"], "--force")
        self.log("the lead's package %s (%d bytes)" % (self.team["lead-1"], os.path.getsize(self.team["lead-1"])))
        os.makedirs(teacher_folder(a), exist_ok=True)
        with open(os.path.join(teacher_folder(a), TEACHER_RESOURCE + ".txt"), "w", encoding="utf-8") as f:
            f.write("示教器点动操作的微课脚本。\n" * 10)

    def s_team_join(self):
        t = self.team
        self.start_app(t["teacher"], log="teacher")
        win = self.main_window()
        self.press(win, "Join a Project", where="first start",
                   expect=lambda: any(find_all_named(w, None, {"push button"}) for w in self.others()))
        self.pick_file(t["lead-1"], "Join a Project", accept=("Open", "Select", "Import", "Choose"))
        self.import_review("the lead's package", "join", expect=(PROJECT_NAME,))
        combo = find(win, "Project", roles={"combo box"}, where="sidebar header")
        wait_for(lambda: self.has_text(combo, PROJECT_NAME, limit=60), timeout=10,
                 what="the project switcher to show “%s”" % PROJECT_NAME)
        projects = self.cli_json(t["teacher"], "project", "list")
        if [p.get("id") for p in projects] != [t["project"]]:
            raise StepFailed("the teacher's store holds %s, not the lead's project %s" % (projects, t["project"]))
        got = set(self.resources_of(t["teacher"]))
        if not set(self.args.resource_titles) <= got:
            raise StepFailed("the teacher's store has the resources %s, not the lead's %s"
                             % (sorted(got), self.args.resource_titles))

    def s_team_add(self):
        t = self.team
        page = self.page("Resources")
        self.press(page, "Import Folder", where="Resources",
                   expect=lambda: any(find_all_named(w, None, {"push button"}) for w in self.others()))
        self.pick_file(teacher_folder(self.args), "Import Folder")
        table = find(page, "Resources", roles={"tree table", "table", "list"}, where="Resources")
        wait_for(lambda: self.has_text(table, TEACHER_RESOURCE), timeout=30,
                 what="“%s” in the column view “Resources”" % TEACHER_RESOURCE)
        details = self.select_resource(page, TEACHER_RESOURCE)
        self.fill(details, ["Description"], TEACHER_DESCRIPTION, where="Resources → Resource details")
        self.fill(details, ["Keywords"], KEYWORDS, where="Resources → Resource details")
        mine = wait_for(lambda: (lambda r: r if r.get("description") == TEACHER_DESCRIPTION else None)(
            self.resources_of(t["teacher"]).get(TEACHER_RESOURCE, {})), timeout=5,
            what="the teacher's store to hold “%s” with its description" % TEACHER_RESOURCE)
        t["added"] = mine["id"]
        # The conflict, made on purpose: the same resource of the lead's changed on both sides.
        shared = self.resources_of(t["lead"])[self.args.resource_titles[0]]
        t["shared"] = shared["id"]
        self.cli(t["teacher"], "resource", "set", shared["id"], "description=" + CONFLICT_THEIRS)
        self.cli(t["lead"], "resource", "set", shared["id"], "description=" + CONFLICT_MINE)

    def s_team_contribute(self):
        t = self.team
        win = self.main_window()
        self.focus_window()
        self.press(win, "Main Menu", where="header bar")
        time.sleep(0.4)
        click(find_any(self.app, ["Contribute…", "Contribute"], roles={"menu item", "push button"},
                       where="Main Menu"))
        dlg = self.dialog("Build Contribution", timeout=5, roles={"push button"}, where="Contribute…")
        build = find(dlg, "Build Contribution", roles={"push button"}, where="Contribute dialog")
        wait_for(lambda: is_sensitive(build), timeout=30, what="“Build Contribution” to be enabled")
        chosen = [x for x in label_texts(dlg) if "resources chosen" in x]
        self.log("the picker: %s" % chosen[:1])
        # The teacher's new resource and the one changed on both sides are chosen by default.
        if chosen and not chosen[0].startswith("2 of "):
            self.press(dlg, "Select All", where="Contribute dialog")
        out = wait_for(lambda: next((x for x in label_texts(dlg) if x.endswith(".tar") and x.startswith("/")), None),
                       timeout=3, what="“Save as” to name the file")
        if os.path.exists(out):
            raise StepFailed("the contribution's file %s exists before Build" % out)
        click(build)
        # The done page is in the dialog's stack (and on the a11y bus) from the start: wait for what only a
        # finished build writes into it, its file name in “… is ready.”
        ready = "“%s”" % os.path.basename(out)
        wait_for(lambda: any(ready in x and "is ready" in x for x in label_texts(dlg)), timeout=60,
                 what="“Contribution Ready” with “%s … is ready”" % os.path.basename(out))
        if not os.path.isfile(out):
            raise StepFailed("“%s … is ready”, but %s does not exist (the folder has: %s)"
                             % (os.path.basename(out), out, sorted(os.listdir(os.path.dirname(out)))))
        t["contribution"] = out
        self.log("the contribution %s (%d bytes)" % (out, os.path.getsize(out)))
        self.screenshot("contribution-ready", "root")
        self.press(dlg, "Close", where="Contribute dialog")
        self.wait_closed(dlg, "the Contribute dialog")
        report = json.loads(self.cli(t["lead"], "verify", out, "--json"))
        self.log("reslib verify: %s" % str(report)[:160])

    def s_lead_open(self):
        t = self.team
        if "contribution" not in t:
            raise StepFailed("not run: no contribution was built")
        self.start_app(t["lead"], t["contribution"], log="lead")
        self.import_review("the teacher's contribution", "contribution", expect=(TEACHER_RESOURCE, "Conflict"))
        res = self.resources_of(t["lead"])
        if TEACHER_RESOURCE not in res:
            raise StepFailed("the lead's store has no “%s” after Import" % TEACHER_RESOURCE)
        if res[TEACHER_RESOURCE].get("state") != "in-review":
            raise StepFailed("“%s” is %s in the lead's store, not in review" % (TEACHER_RESOURCE,
                                                                             res[TEACHER_RESOURCE].get("state")))
        conflicts = self.cli_json(t["lead"], "conflicts", t["project"])
        if [c.get("record") for c in conflicts] != [t["shared"]]:
            raise StepFailed("the lead's store has the conflicts %s, not one on %s" % (conflicts, t["shared"]))
        if res[self.args.resource_titles[0]].get("description") != CONFLICT_MINE:
            raise StepFailed("the lead's version of the resource in conflict changed before it was resolved")

    def s_lead_conflict(self):
        t = self.team
        page = self.page("Overview")
        self.press(page, "Resolve Conflicts", where="Overview",
                   expect=lambda: self.dialog("Take Theirs", timeout=0.5, roles={"push button"}))
        win = self.dialog("Take Theirs", roles={"push button"}, where="Conflicts window")
        lst = find(win, "Conflicts to resolve", roles={"list"}, where="Conflicts window")
        rows = wait_for(lambda: [r for r in descendants(lst, limit=400) if safe_role(r) == "list item"], timeout=5,
                        what="a conflict in “Conflicts to resolve”")
        self.click_at(rows[0])
        # The field grid's labels are named "Description, mine, differs"; their text is the value.
        wait_for(lambda: (lambda t: CONFLICT_THEIRS in t and CONFLICT_MINE in t
                          and "Description, mine, differs" in t)(label_texts(win)), timeout=5,
                 what="both descriptions side by side, “Description, mine, differs”")
        self.screenshot("conflict", "root")
        take = find(win, "Take Theirs", roles={"push button"}, where="Conflicts window")
        wait_for(lambda: is_sensitive(take), timeout=3, what="“Take Theirs” to be enabled")
        click(take)
        wait_for(lambda: not self.cli_json(t["lead"], "conflicts", t["project"]), timeout=10,
                 what="the lead's store to have no conflict left")
        wait_for(lambda: self.has_text(win, "No Conflicts"), timeout=5, what="the window to say “No Conflicts”")
        desc = self.resources_of(t["lead"])[self.args.resource_titles[0]].get("description")
        if desc != CONFLICT_THEIRS:
            raise StepFailed("after Take Theirs the resource's description is “%s”, not the teacher's" % desc)
        # Closed as its close button does (there is no window manager to give it the keyboard).
        try:
            win.doActionNamed("window.close")
        except Exception:
            self.focus_window("Conflicts")
            rawinput.pressKey("Escape")
        self.wait_closed(win, "the Conflicts window")

    def s_lead_reject(self):
        t = self.team
        page = self.page("Review")
        queue = find(page, "Review queue", where="Review")
        row = wait_for(lambda: next((r for r in descendants(queue, limit=600) if safe_role(r) == "list item"
                                     and self.has_text(r, TEACHER_RESOURCE, limit=40)), None), timeout=5,
                       what="“%s” in the “Review queue”" % TEACHER_RESOURCE)
        self.click_at(row)
        time.sleep(0.5)
        set_text(page, "Review note", RETURN_NOTE, where="Review")
        self.press(page, "Reject", where="Review")
        wait_for(lambda: not self.has_text(queue, TEACHER_RESOURCE), timeout=10,
                 what="“%s” to leave the “Review queue”" % TEACHER_RESOURCE)
        r = self.resources_of(t["lead"])[TEACHER_RESOURCE]
        if (r.get("state"), r.get("review_note")) != ("rejected", RETURN_NOTE):
            raise StepFailed("the lead's store has “%s” %s with the note %r" % (TEACHER_RESOURCE, r.get("state"),
                                                                             r.get("review_note")))

    def s_lead_next(self):
        t = self.team
        self.stop_app()
        # A progress package is refused while a resource is not approved (the rejected one, the one in
        # conflict taken back to review): the lead sends the review back in a contribution.
        r = subprocess.run([self.args.cli, "--data-dir", t["lead"], "pack", t["project"], "--kind", "progress", "-o",
                            t["lead-2"], "--force"], env=self.app_env(), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=120)
        err = r.stderr.decode(errors="replace")
        if r.returncode == 0 or "not approved" not in err:
            raise StepFailed("reslib pack --kind progress with a rejected resource: exit %d: %s"
                             % (r.returncode, err.strip()[:300]))
        self.cli(t["lead"], "pack", t["project"], "--kind", "contribution", "-o", t["lead-2"], "--force")
        self.log("the lead's next package %s (%d bytes)" % (t["lead-2"], os.path.getsize(t["lead-2"])))
        # The teacher through the main menu's Import Package… (the lead opened a file from the command line).
        self.start_app(t["teacher"], log="teacher")
        self.focus_window()
        self.press(self.main_window(), "Main Menu", where="header bar")
        time.sleep(0.4)
        click(find_any(self.app, ["Import Package…", "Import Package"], roles={"menu item", "push button"},
                       where="Main Menu"))
        self.pick_file(t["lead-2"], "Import Package…", accept=("Open", "Import", "Select"))
        self.import_review("the lead's next package", "next-package")
        # The lead took the teacher's version of the resource in conflict: it comes back as the teacher has it.
        conflicts = self.cli_json(t["teacher"], "conflicts", t["project"])
        if conflicts:
            raise StepFailed("the teacher's store has conflicts after the lead's next package: %s" % conflicts)
        r = self.resources_of(t["teacher"])[TEACHER_RESOURCE]
        if (r.get("state"), r.get("review_note")) != ("rejected", RETURN_NOTE):
            raise StepFailed("the teacher's store has “%s” %s with the note %r" % (TEACHER_RESOURCE, r.get("state"),
                                                                                r.get("review_note")))

    def s_teacher_note(self):
        page = self.page("Resources")
        self.select_resource(page, TEACHER_RESOURCE)
        wait_for(lambda: self.has_text(page, "Returned: " + RETURN_NOTE), timeout=5,
                 what="“Returned: %s” on the teacher's resource" % RETURN_NOTE)

    # ---- run -----------------------------------------------------------------------------------

    def run(self):
        steps = [
            ("start", "start the app on an empty store", self.s_start),
            ("new-project", "create a project (New Project dialog)", self.s_new_project),
            ("units", "add three host units and a participant (Units & Team → Add Unit)", self.s_units),
            ("member", "add a team member (Units & Team → Add Member)", self.s_member),
            ("import-folder", "import a folder of resources (Resources → Import Folder)", self.s_import),
            ("checks", "run the checks and read the findings (Checks)", self.s_checks_first),
            ("fix-units", "open the credit-code finding, fix it; sign the IP declarations", self.s_fix_units),
            ("dossier", "dates, description, contacts, industry chain, served major (Dossier)", self.s_dossier),
            ("course", "a course with a knowledge and a skill point (Courses)", self.s_course),
            ("bulk-edit", "author, unit, origin, course points of the resources (Select All, Edit Selected)",
             self.s_bulk_edit),
            ("resource-details", "description, keywords, licence of each resource (Resource details)",
             self.s_resource_details),
            ("submit-review", "submit the resources for review (Resources)", self.s_submit_review),
            ("approve", "approve them all (Review → Approve All)", self.s_approve),
            ("checks-clean", "the checks report no error (Checks)", self.s_checks_clean),
            ("preferences", "endpoint URL, CA file and token into the keyring (Preferences)", self.s_preferences),
            ("build-package", "build an application package (Submit)", self.s_build_package),
            ("upload", "upload it (Submit → Upload; Submissions shows it uploaded)", self.s_upload),
            ("arrived", "the server's file has the package's sha256; the token stayed secret", self.s_arrived),
        ]
        # The second role, a group of its own on the lead's store of the steps above.
        team = [
            ("team-setup", "the lead's progress package (reslib pack); the teacher's file", self.s_team_setup),
            ("team-join", "a teacher's store joins from it (first start → Join a Project…, review, Import)",
             self.s_team_join),
            ("team-add", "the teacher adds and describes a resource; one of the lead's changed on both sides",
             self.s_team_add),
            ("team-contribute", "the teacher contributes (Contribute…: Build Contribution, the file exists)",
             self.s_team_contribute),
            ("lead-open", "the lead opens it (reslib-studio --data-dir LEAD FILE.tar): review, Import",
             self.s_lead_open),
            ("lead-conflict", "the lead resolves the conflict (Overview → Resolve…, Take Theirs)",
             self.s_lead_conflict),
            ("lead-reject", "the lead rejects the teacher's resource with a note (Review)", self.s_lead_reject),
            ("lead-next", "the lead's next package (reslib pack: a contribution); the teacher imports it "
             "(Import Package…)",
             self.s_lead_next),
            ("teacher-note", "the teacher sees the note on the resource (Resources)", self.s_teacher_note),
        ]
        only = [t for t in os.environ.get("E2E_ONLY", "").split(",") if t]
        if only:
            # For debugging a step: E2E_ONLY=start,preferences runs those steps alone.
            steps = [st for st in steps if st[0] in only or st[0] == "start"]
            team = [st for st in team if st[0] in only]
        self.team = {}
        try:
            for tag, title, func in steps:
                ok = self.step(tag, title, func)
                if tag == "start" and not ok:
                    for t2, _, _ in steps[1:]:
                        self.step_no += 1
                        self.results.append((self.step_no, t2, False, "not run: the app did not start", None))
                        print("FAIL %02d %s: not run: the app did not start" % (self.step_no, t2), flush=True)
                    break
            self.t_team = time.monotonic()
            for i, (tag, title, func) in enumerate(team):
                ok = self.step(tag, title, func)
                if tag == "team-setup" and not ok:
                    for t2, _, _ in team[i + 1:]:
                        self.step_no += 1
                        self.results.append((self.step_no, t2, False, "not run: no lead's package", None))
                        print("FAIL %02d %s: not run: no lead's package" % (self.step_no, t2), flush=True)
                    break
            if team:
                print("the second role took %.0f s" % (time.monotonic() - self.t_team), flush=True)
        finally:
            self.stop_app()
        passed = sum(1 for r in self.results if r[2])
        failed = len(self.results) - passed
        with open(os.path.join(self.out, "results.json"), "w", encoding="utf-8") as f:
            json.dump([{"step": n, "name": t, "passed": ok, "detail": d, "screenshot": s}
                       for n, t, ok, d, s in self.results], f, ensure_ascii=False, indent=1)
        print()
        print("screenshots: %s; the a11y trees of failed steps: %s" % (self.shots, self.a11y))
        print("e2e scenario took %.0f s" % (time.monotonic() - self.t0))
        print("%d passed, %d failed" % (passed, failed))
        return 0 if failed == 0 else 1

    def stop_app(self):
        """End the app the scenario started (a step that stops it on purpose is no failure)."""
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def make_resources(folder):
    """The folder to import: a text lesson, a Markdown note and an 800×600 image."""
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "机器人坐标系讲义.txt"), "w", encoding="utf-8") as f:
        f.write("工业机器人的基坐标系、工具坐标系和工件坐标系。\n" * 20)
    with open(os.path.join(folder, "示教器操作要点.md"), "w", encoding="utf-8") as f:
        f.write("# 示教器操作要点\n\n1. 上电\n2. 选择坐标系\n3. 点动\n")
    subprocess.run(["/usr/bin/convert", "-size", "800x600", "gradient:steelblue-white",
                    os.path.join(folder, "机器人工作站布局图.png")], check=True)
    return ["机器人坐标系讲义", "示教器操作要点", "机器人工作站布局图"]


def teacher_folder(args):
    """The teacher's folder of files to import (one file: TEACHER_RESOURCE)."""
    return os.path.join(args.work, "教师资源")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--app", required=True)
    p.add_argument("--cli", required=True)
    p.add_argument("--data-dir", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--endpoint", required=True)
    p.add_argument("--ca-file", required=True)
    p.add_argument("--token-file", required=True)
    p.add_argument("--upload-dir", required=True)
    p.add_argument("--server-log")
    args = p.parse_args()
    args.resources = os.path.join(args.work, "资源")
    args.resource_titles = make_resources(args.resources)
    return Scenario(args).run()


if __name__ == "__main__":
    sys.exit(main())
