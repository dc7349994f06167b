"""The one key map: which key does what, and when; and the one handler that reads it.

``KeyHandler`` filters the window's key presses and releases. Presenter mode makes the
booth's actions live (blanking), it doesn't receive keys itself; a locked kiosk puts its
gate (kiosk.run.input.lock) in front of the handler, and the gate decides which actions run.
In front of both, a sleeping screen (kiosk.run.power.screen_power) takes the first key to wake up.
Each comes to the handler at construction as a small Protocol (``Blanker``, ``Gate``, ``Waker``),
handed over by kiosk.run.operation, so this module imports none of them.
The README's "Keys" table is this map in words; tests/test_keys.py holds the two together.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, SignalInstance
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.playback.player import Player

log = logging.getLogger(__name__)
Key = Qt.Key
Modifier = Qt.KeyboardModifier


class Mode(Enum):
    """When a binding is live, in the words of the README's "when" column."""

    EVERY = "every mode"
    PRESENTER = "presenter mode"
    LOCKED = "locked (`--lock`)"


BACK = "the same key, or a key that moves, brings the panel back unmoved"


class Action(Enum):
    """What a key does, in the words of the README's "does" column."""

    NEXT = "next panel (or next page of a long updates panel)"
    PREVIOUS = "previous panel"
    FIRST = "first panel"
    LAST = "last panel"
    JUMP = "jump to that panel"
    PAUSE = "pause / resume the rotation (in presenter mode: start / stop advancing on the timer)"
    BLACK = f"black screen; {BACK}"
    WHITE = f"white screen; {BACK}"
    NOTHING = 'nothing (a clicker\'s "start show" button: the show is already running)'
    QUIT = "quit — unless locked"
    UNLOCK = "quit a locked kiosk; letting go sooner does nothing"


MOVES = frozenset({Action.NEXT, Action.PREVIOUS, Action.FIRST, Action.LAST})  # a clicker's keys
BLANK_COLORS = {Action.BLACK: "#000000", Action.WHITE: "#ffffff"}
CHORD = Modifier.ControlModifier | Modifier.ShiftModifier
MODIFIER_NAMES = ((Modifier.ControlModifier, "Ctrl"), (Modifier.ShiftModifier, "Shift"),
                  (Modifier.AltModifier, "Alt"), (Modifier.MetaModifier, "Meta"))
KEY_NAMES = {Key.Key_PageDown: "PgDn", Key.Key_PageUp: "PgUp", Key.Key_Escape: "Esc", Key.Key_Period: "."}


@dataclass(frozen=True)
class Binding:
    """Keys that run one action while ``mode`` is live."""

    keys: tuple[Key, ...]
    action: Action
    mode: Mode = Mode.EVERY
    chord: Modifier = Modifier.NoModifier  # modifiers that must be held with the key
    plain: bool = False  # no other modifier (the keypad's aside): Ctrl+W is not a white screen
    held: bool = False  # the key is held down; the gate (the lock) says for how long

    def matches(self, key: int, modifiers: Modifier) -> bool:
        """This binding runs for ``key`` pressed with ``modifiers``."""
        if key not in self.keys or modifiers & self.chord != self.chord:
            return False
        return not self.plain or not modifiers & ~Modifier.KeypadModifier

    def label(self, key: int) -> str:
        """A key of this binding as the README and the log name it: ``PgDn``, ``Ctrl+Shift+Q``."""
        chord = "".join(f"{name}+" for flag, name in MODIFIER_NAMES if self.chord & flag)
        return chord + KEY_NAMES.get(Key(key), Key(key).name.removeprefix("Key_"))


DIGITS = tuple(Key(Key.Key_1.value + n) for n in range(9))

KEY_MAP: tuple[Binding, ...] = (
    # Before plain Q: where the lock is on, the chord is the way out, not a refused quit.
    Binding((Key.Key_Q,), Action.UNLOCK, Mode.LOCKED, chord=CHORD, held=True),
    # Clickers send PgDn/PgUp, some Up/Down; a lobby keyboard answers to them the same way.
    Binding((Key.Key_Right, Key.Key_Down, Key.Key_PageDown, Key.Key_Space), Action.NEXT),
    Binding((Key.Key_Left, Key.Key_Up, Key.Key_PageUp), Action.PREVIOUS),
    Binding((Key.Key_Home,), Action.FIRST),
    Binding((Key.Key_End,), Action.LAST),
    Binding((Key.Key_P,), Action.PAUSE),
    Binding(DIGITS, Action.JUMP),
    Binding((Key.Key_B, Key.Key_Period), Action.BLACK, Mode.PRESENTER, plain=True),
    Binding((Key.Key_W,), Action.WHITE, Mode.PRESENTER, plain=True),
    Binding((Key.Key_F5,), Action.NOTHING),
    Binding((Key.Key_Escape, Key.Key_Q), Action.QUIT),
)


def binding_for(key: int, modifiers: Modifier, live: set[Mode]) -> Binding | None:
    """The first binding of the map that is live and matches the key."""
    return next((b for b in KEY_MAP if b.mode in live and b.matches(key, modifiers)), None)


class Blanker(Protocol):
    """Presenter mode as the keys see it: whether its keys are live, and the blank screen."""

    @property
    def presentation(self) -> bool:
        """Presentation mode: the booth's blanking keys are live."""

    @property
    def blank_color(self) -> str | None:
        """The colour the screen is blanked to, or None while the panel shows."""

    def set_blank(self, color: str | None) -> None:
        """Blank the screen to ``color``, or show the panel again (None)."""

    def toggle_blank(self, color: str) -> None:
        """The same colour again brings the panel back; another one replaces it."""


class Gate(Protocol):
    """The lock in front of the keys: which actions run, and the held chord that quits."""

    @property
    def unlocked(self) -> SignalInstance:
        """Emitted once the quit chord was held long enough."""

    def admits(self, binding: Binding, event: QKeyEvent) -> bool:
        """Whether the action of ``binding`` runs for this press."""

    def released(self, event: QKeyEvent) -> None:
        """A key was let go (a held chord ends)."""


class Waker(Protocol):
    """A sleeping screen: the first key wakes it and does nothing else."""

    def key_wakes(self) -> bool:
        """Wake the screen for a key; True when it was asleep, so the key does nothing else."""


class KeyHandler(QObject):
    """Reads the key map for one window: runs what a key means, behind the lock's gate."""

    def __init__(self, window: QWidget, player: Player, *, presenter: Blanker | None = None,
                 gate: Gate | None = None, waker: Waker | None = None) -> None:
        super().__init__(window)
        self.player = player
        self.presenter = presenter  # presentation makes its keys live
        self.gate = gate  # the lock: it admits or refuses each action
        self.sleep = waker  # a sleeping screen's key wakes it
        if gate is not None:
            gate.unlocked.connect(lambda: self.run(Action.UNLOCK))
        window.installEventFilter(self)  # every key press and release of the window comes here, and only here

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Key presses the map knows are taken here; releases go on to the window as well."""
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            return self.press(event)
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyRelease:
            self.release(event)
        return False

    def live_modes(self) -> set[Mode]:
        """The modes whose bindings count now."""
        live = {Mode.EVERY}
        if self.presenter is not None and self.presenter.presentation:
            live.add(Mode.PRESENTER)
        if self.gate is not None:
            live.add(Mode.LOCKED)
        return live

    def press(self, event: QKeyEvent) -> bool:
        """Run what the map says for this key press; False when the map has nothing for it."""
        if self.sleep is not None and self.sleep.key_wakes():
            return True  # the key that wakes a sleeping screen does nothing else
        binding = binding_for(event.key(), event.modifiers(), self.live_modes())
        if binding is None:
            return False
        if self.gate is None or self.gate.admits(binding, event):
            self.run(binding.action, event.key())
        return True

    def release(self, event: QKeyEvent) -> None:
        """A key let go: the gate hears of it."""
        if self.gate is not None:
            self.gate.released(event)  # a held chord ends when its keys are let go

    def run(self, action: Action, key: int = 0) -> None:
        """Do ``action`` now, past the gate (the gate itself calls this once the chord was held)."""
        presenter = self.presenter
        if presenter is not None and presenter.blank_color is not None and action in MOVES:
            presenter.set_blank(None)  # the first click after blanking brings the panel back, unmoved
        elif presenter is not None and action in BLANK_COLORS:
            presenter.toggle_blank(BLANK_COLORS[action])
        else:
            self._actions(key).get(action, lambda: None)()

    def _actions(self, key: int) -> dict[Action, Callable[[], None]]:
        player = self.player
        return {Action.NEXT: player.next, Action.PREVIOUS: player.previous, Action.PAUSE: player.toggle_pause,
                Action.FIRST: lambda: player.jump(0), Action.LAST: lambda: player.jump(len(player.entries) - 1),
                Action.JUMP: lambda: player.jump(DIGITS.index(key)) if key in DIGITS else None,
                Action.QUIT: self._quit, Action.UNLOCK: self._quit}

    def _quit(self) -> None:
        log.info("quit by key")
        QApplication.quit()
