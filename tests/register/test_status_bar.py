"""The window's status bar says whether the register answers and how many items wait."""

from __future__ import annotations

from strategy_minutes.desktop.register import sync
from strategy_minutes.storage import register_local
from strategy_minutes.ui.main_window import MainWindow


def test_the_status_bar_says_reachable_or_not_and_what_waits(register, laptop, qtbot, monkeypatch):
    store = laptop("chair_a")
    window = MainWindow(store)
    qtbot.addWidget(window)
    assert window.register_state.text() == "No team register; 1 to publish"
    nowhere = f"postgresql://{register.logins['chair_a']}@127.0.0.1:1/{register.db}"
    register_local.set_settings(store.db, {"url": nowhere})
    window.check_register()
    qtbot.waitUntil(lambda: "out of reach" in window.register_state.text(), timeout=10_000)
    assert window.register_state.text() == "Register out of reach; 1 item(s) wait to be published"
    assert "could not be reached" in window.register_state.toolTip()

    monkeypatch.setenv("STRATEGY_MINUTES_REGISTER_PASSWORD", register.password("chair_a"))
    register_local.set_settings(store.db, {"url": register.url("chair_a")})
    assert sync.sync(store, register.address("chair_a")).waiting == 0
    window.check_register()
    qtbot.waitUntil(lambda: "reachable" in window.register_state.text(), timeout=10_000)
    assert window.register_state.text() == "Register reachable; nothing waits"
    window.close()
