"""The files `kiosk setup` writes: systemd units and the desktop's autostart entry, as text.

Each mode gets what its machine needs to show the kiosk on boot and keep it there:
- desktop: a user unit started from the desktop session's autostart, which hands the unit the
  session's WAYLAND_DISPLAY or DISPLAY (the user manager starts without them);
- cage: a system unit running the cage kiosk compositor on tty1 as a dedicated user;
- console: a system unit drawing through KMS on tty1, with no display server at all.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass

# Restart on every exit, however often (StartLimitIntervalSec=0); the kiosk pings the watchdog
# from its event loop, so a hung window is restarted too.
KEEP_RUNNING = """\
Restart=always
RestartSec=5
WatchdogSec=30
"""
# A TV that is off or unplugged at boot: wait for it rather than fail (systemd restarts would
# fill the journal with the same line every five seconds).
WAIT_FOR_SCREEN = ("ExecStartPre=/bin/sh -c 'until grep -qsx connected /sys/class/drm/card*-*/status; "
                   "do sleep 2; done'")
SESSION_VARIABLES = "DISPLAY XAUTHORITY WAYLAND_DISPLAY XDG_SESSION_TYPE XDG_CURRENT_DESKTOP"
GNOME_BLANKING_UNDO = ("gsettings reset org.gnome.desktop.session idle-delay && "
                       "gsettings reset org.gnome.desktop.screensaver lock-enabled")


@dataclass(frozen=True)
class KioskCommand:
    """The `kiosk run` line every unit starts: the program, the content and the chosen screen."""

    program: tuple[str, ...]
    content: str
    screen: str | None = None

    def line(self, *options: str) -> str:
        """The unit's ExecStart line, with ``options`` added (where it logs, for one)."""
        argv = [*self.program, "run", self.content, "--lock", "--wait-for-content", *options]
        if self.screen is not None:
            argv += ["--screen", self.screen]
        return shlex.join(argv)


def user_unit(kiosk: KioskCommand) -> str:
    """The systemd user unit that runs the kiosk in a desktop session and restarts it."""
    state = "%h/.local/state/kiosk"
    command = kiosk.line("--log-file", f"{state}/kiosk.log", "--play-log", f"{state}/play.jsonl")
    return f"""\
# Written by `kiosk setup --mode desktop`; `kiosk setup --remove` takes it away.
# The desktop's autostart entry (kiosk.desktop) starts it with the session's display.
[Unit]
Description=kiosk information display
After=graphical-session.target
PartOf=graphical-session.target
StartLimitIntervalSec=0

[Service]
Type=notify
NotifyAccess=main
ExecStart={command}
{KEEP_RUNNING}TimeoutStartSec=120

[Install]
WantedBy=graphical-session.target
"""


def session_script() -> str:
    """Run at login in the desktop session: blanking off, the session's display to the unit, start it."""
    return f"""\
#!/bin/sh
# Written by `kiosk setup --mode desktop`; run at login by ~/.config/autostart/kiosk.desktop.
# The desktop's own blanking would win whenever the kiosk restarts: GNOME's idle timer and
# lock screen, an X11 session's screen saver and DPMS. (The kiosk also asks over D-Bus.)
if command -v gsettings >/dev/null; then
    gsettings set org.gnome.desktop.session idle-delay 0 2>/dev/null
    gsettings set org.gnome.desktop.screensaver lock-enabled false 2>/dev/null
fi
if [ -z "$WAYLAND_DISPLAY" ] && [ -n "$DISPLAY" ] && command -v xset >/dev/null; then
    xset s off -dpms
fi
# The user manager starts without the session's display: hand it over, then start the kiosk.
systemctl --user import-environment {SESSION_VARIABLES}
exec systemctl --user start kiosk.service
"""


def autostart_entry(script: str) -> str:
    """The desktop's autostart entry, which runs ``script`` at login."""
    return f"""\
[Desktop Entry]
Type=Application
Name=kiosk
Comment=Start the kiosk display through its systemd user unit, which restarts it
# Written by `kiosk setup --mode desktop`.
Exec={script}
Terminal=false
NoDisplay=true
X-GNOME-Autostart-enabled=true
"""


def system_unit(kiosk: KioskCommand, user: str, mode: str, groups: tuple[str, ...], cage: str = "/usr/bin/cage") -> str:
    """cage on tty1, or the kiosk itself on tty1 drawing through KMS; as ``user``, in a logind session."""
    state = "/var/lib/kiosk"
    options = ("--log-file", f"{state}/kiosk.log", "--play-log", f"{state}/play.jsonl")
    if mode == "cage":
        # cage -d: no client-side decorations; the kiosk is cage's only client, and cage quits with it.
        command = f"{cage} -d -- {kiosk.line('--display', 'wayland', *options)}"
        what, notify, env = "in the cage kiosk compositor", "all", "Environment=XDG_CURRENT_DESKTOP=cage\n"
    else:
        command = kiosk.line("--display", "kms", *options)
        what, notify, env = "on the console through KMS", "main", ""
    return f"""\
# Written by `kiosk setup --mode {mode}`; `kiosk setup --remove` takes it away.
[Unit]
Description=kiosk information display {what}, on tty1
After=systemd-user-sessions.service getty@tty1.service
Conflicts=getty@tty1.service
StartLimitIntervalSec=0

[Service]
Type=notify
NotifyAccess={notify}
User={user}
SupplementaryGroups={' '.join(groups)}
# A logind session on tty1 gives {user} the screen, the keyboard and the clicker.
PAMName=login
TTYPath=/dev/tty1
TTYReset=yes
TTYVHangup=yes
StandardInput=tty-fail
StandardOutput=journal
StandardError=journal
StateDirectory=kiosk
{env}{WAIT_FOR_SCREEN}
ExecStart={command}
{KEEP_RUNNING}# Waiting for the TV has no time limit; once the kiosk is up, the watchdog covers a hang.
TimeoutStartSec=infinity

[Install]
WantedBy=multi-user.target
"""


def editor_unit(kiosk: KioskCommand, listen: str, user: str | None = None) -> str:
    """`kiosk edit` as a second unit: a user unit on a desktop, else a system unit as ``user``, sandboxed.

    Exit 2 (no password for a LAN address) is not restarted: it needs `kiosk edit --set-password`.
    As a system unit it may write only the content's folder and its own state (the versions).
    """
    command = shlex.join([*kiosk.program, "edit", kiosk.content, "--listen", listen])
    folder = shlex.quote(kiosk.content.rsplit("/", 1)[0] or "/")
    sandbox = "" if user is None else f"""\
User={user}
Environment=XDG_STATE_HOME=%S/kiosk-editor XDG_CACHE_HOME=%C/kiosk-editor QT_QPA_PLATFORM=offscreen
StateDirectory=kiosk-editor
CacheDirectory=kiosk-editor
NoNewPrivileges=yes
PrivateTmp=yes
ProtectSystem=strict
ProtectHome=read-only
ReadWritePaths={folder}
"""
    return f"""\
# Written by `kiosk setup --editor`; `kiosk setup --remove` takes it away.
# The browser editor for the content file, at http://{listen}/ (docs/editor.md).
[Unit]
Description=kiosk content editor (web page) at {listen}
After=network.target

[Service]
Type=exec
ExecStart={command}
Restart=on-failure
RestartSec=10
RestartPreventExitStatus=2
{sandbox}
[Install]
WantedBy={"default.target" if user is None else "multi-user.target"}
"""
