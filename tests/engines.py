"""WebKit (Safari's engine) and Firefox, driven the way their makers test them.

- WebKit: Debian's WebKitGTK through `/usr/bin/WebKitWebDriver` (package `webkit2gtk-driver`)
  and Selenium's WebKitGTK driver; MiniBrowser runs in automation mode on an Xvfb display
  that this module starts (packages `xvfb`, `xauth`).
- Firefox: `firefox-esr` through Marionette, Mozilla's own remote protocol (PyPI
  `marionette_driver`); no geckodriver download.

Both sit behind one small `Engine` interface, so a test is written once for both. Measured
limits: WebKit windows are never narrower than 447 px and Firefox's than 500 px, so the phone
layout (390 × 844) is tested inside an iframe of that size (`phone_frame_html`), with the
driver switched into it. WebKit's driver gives no console log: `ERROR_RECORDER` is served as a
file of our own and added to each page right after its CSP, so the policy allows it; it keeps
script errors and CSP violations in `window.__engineProblems`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

WEBKIT_DRIVER = Path("/usr/bin/WebKitWebDriver")
MINIBROWSER = Path("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
FIREFOX = Path("/usr/bin/firefox-esr")
XVFB = "Xvfb"
PHONE = (390, 844)
DESKTOP = (1280, 800)

# A port nothing listens on (discard): the proxy for every host but 127.0.0.1.
DEAD_PORT = 9
NO_OTHER_HOSTS = {
    "http_proxy": f"http://127.0.0.1:{DEAD_PORT}",
    "https_proxy": f"http://127.0.0.1:{DEAD_PORT}",
    "no_proxy": "127.0.0.1,localhost",
}

# What each engine needs, for the message when it is missing (scripts/run_tests.py installs them).
NEEDS = {
    "webkit": "Debian packages webkit2gtk-driver, xvfb and xauth (apt-get install "
    "webkit2gtk-driver xvfb xauth; the test command does this on Debian as root)",
    "firefox": "the Debian package firefox-esr (apt-get install firefox-esr; the test command "
    "does this on Debian as root)",
}

# Served as /__engine-errors.js and added right after each page's CSP <meta>.
ERROR_RECORDER = """
window.__engineProblems = [];
window.addEventListener("error", function (event) {
  window.__engineProblems.push("script error: " + event.message + " (" + event.filename + ":" + event.lineno + ")");
});
window.addEventListener("unhandledrejection", function (event) {
  window.__engineProblems.push("unhandled rejection: " + event.reason);
});
document.addEventListener("securitypolicyviolation", function (event) {
  window.__engineProblems.push("CSP violation: " + event.effectiveDirective + " blocked " +
    (event.blockedURI || "inline") + " (" + (event.sourceFile || location.href) + ":" + event.lineNumber + ")");
});
"""
ERROR_RECORDER_PATH = "__engine-errors.js"
PHONE_FRAME_PATH = "__phone-frame.html"

# Every request the page made to another host (the resource timing list has them all).
FOREIGN_REQUESTS = """
return performance.getEntriesByType("resource").map((entry) => entry.name)
  .filter((url) => { const u = new URL(url); return !["127.0.0.1", ""].includes(u.hostname)
    && !["data:", "blob:"].includes(u.protocol); });
"""


def phone_frame_html(page_url: str) -> str:
    """A page holding `page_url` in a 390 × 844 frame: the phone layout in any window size."""
    width, height = PHONE
    return (
        "<!doctype html><html lang=en><meta charset=utf-8><title>phone frame</title>"
        "<body style='margin:0'>"
        f"<iframe id=phone src='{page_url}' width={width} height={height} "
        "style='border:0;display:block' title='phone'></iframe></body></html>"
    )


def phone_frame_url(site_url: str, path: str) -> str:
    return f"{site_url}{PHONE_FRAME_PATH}?page={quote(path)}"


def missing(engine: str) -> str:
    """'' when the engine can run here, else what to install."""
    if engine == "webkit":
        found = WEBKIT_DRIVER.exists() and MINIBROWSER.exists() and shutil.which(XVFB)
    else:
        found = FIREFOX.exists()
    return "" if found else NEEDS[engine]


def _free_display() -> int:
    for number in range(90, 200):
        if (
            not Path(f"/tmp/.X{number}-lock").exists()
            and not Path(f"/tmp/.X11-unix/X{number}").exists()
        ):
            return number
    raise RuntimeError("no free X display number between :90 and :199")


@contextmanager
def xvfb_display() -> Iterator[str]:
    """A virtual X display for WebKitGTK, stopped afterwards."""
    number = _free_display()
    process = subprocess.Popen(
        [XVFB, f":{number}", "-screen", "0", "1400x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                break
            if process.poll() is not None:
                raise RuntimeError(f"Xvfb :{number} exited with code {process.returncode}")
            time.sleep(0.05)
        yield f":{number}"
    finally:
        process.terminate()
        process.wait(timeout=10)


class Engine:
    """The few things the tests do in a browser; subclasses speak WebDriver or Marionette."""

    name = ""

    def goto(self, url: str) -> None:
        raise NotImplementedError

    def script(self, body: str, *args: Any) -> Any:
        """Run a function body (`return …`) in the page or frame in use."""
        raise NotImplementedError

    def async_script(self, body: str, *args: Any) -> Any:
        """Run a function body that calls `arguments[arguments.length - 1](result)`."""
        raise NotImplementedError

    def press(self, key: str, shift: bool = False) -> None:
        """Press one key ("Tab", "Enter", " ", "ArrowDown", or a letter) on the focused element."""
        raise NotImplementedError

    def type(self, text: str) -> None:
        for letter in text:
            self.press(letter)

    def click(self, selector: str) -> None:
        raise NotImplementedError

    def window(self, width: int, height: int) -> None:
        raise NotImplementedError

    def into_frame(self, selector: str) -> None:
        raise NotImplementedError

    def out_of_frame(self) -> None:
        raise NotImplementedError

    def quit(self) -> None:
        raise NotImplementedError


_SELENIUM_KEYS = {
    "Tab": "TAB",
    "Enter": "ENTER",
    " ": "SPACE",
    "ArrowDown": "ARROW_DOWN",
    "ArrowUp": "ARROW_UP",
    "Escape": "ESCAPE",
    "Shift": "SHIFT",
}


class WebKit(Engine):
    name = "webkit"

    def __init__(self, display: str) -> None:
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        options = Options()
        options.binary_location = str(MINIBROWSER)
        options.add_argument("--automation")
        # The driver starts MiniBrowser with this environment: our display, and a proxy that
        # does not exist for every other host, so nothing can leave the machine. Without a GPU,
        # composited drawing (software OpenGL in Xvfb) made each frame after a Tab twice as slow;
        # layout, focus, scrolling and hit testing (what the tests look at) are the same.
        env = {
            **os.environ,
            "DISPLAY": display,
            "WEBKIT_DISABLE_COMPOSITING_MODE": "1",
            **NO_OTHER_HOSTS,
        }
        self.driver = webdriver.WebKitGTK(
            options=options, service=Service(executable_path=str(WEBKIT_DRIVER), env=env)
        )
        self.driver.set_script_timeout(20)

    def _key(self, key: str) -> str:
        from selenium.webdriver.common.keys import Keys

        return getattr(Keys, _SELENIUM_KEYS[key]) if key in _SELENIUM_KEYS else key

    def goto(self, url: str) -> None:
        self.driver.get(url)

    def script(self, body: str, *args: Any) -> Any:
        return self.driver.execute_script(body, *args)

    def async_script(self, body: str, *args: Any) -> Any:
        return self.driver.execute_async_script(body, *args)

    def press(self, key: str, shift: bool = False) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        actions = ActionChains(self.driver)
        if shift:
            actions.key_down(self._key("Shift"))
        actions.key_down(self._key(key)).key_up(self._key(key))
        if shift:
            actions.key_up(self._key("Shift"))
        actions.perform()

    def click(self, selector: str) -> None:
        from selenium.webdriver.common.by import By

        self.driver.find_element(By.CSS_SELECTOR, selector).click()

    def window(self, width: int, height: int) -> None:
        self.driver.set_window_size(width, height)

    def into_frame(self, selector: str) -> None:
        from selenium.webdriver.common.by import By

        self.driver.switch_to.frame(self.driver.find_element(By.CSS_SELECTOR, selector))

    def out_of_frame(self) -> None:
        self.driver.switch_to.default_content()

    def quit(self) -> None:
        self.driver.quit()


_MARIONETTE_KEYS = {
    "Tab": "TAB",
    "Enter": "ENTER",
    " ": "SPACE",
    "ArrowDown": "DOWN",
    "ArrowUp": "UP",
    "Escape": "ESCAPE",
    "Shift": "SHIFT",
}


class Firefox(Engine):
    name = "firefox"

    def __init__(self) -> None:
        from marionette_driver.marionette import Marionette

        self.marionette = Marionette(
            host="127.0.0.1",
            port=_free_port(),
            bin=str(FIREFOX),
            headless=True,
            startup_timeout=120,
            gecko_log=str(Path(tempfile.gettempdir()) / "firefox-tests-gecko.log"),
            prefs={
                "browser.shell.checkDefaultBrowser": False,
                # Every host but ours goes to a proxy that does not exist: nothing leaves.
                "network.proxy.type": 1,
                "network.proxy.http": "127.0.0.1",
                "network.proxy.http_port": DEAD_PORT,
                "network.proxy.ssl": "127.0.0.1",
                "network.proxy.ssl_port": DEAD_PORT,
                "network.proxy.no_proxies_on": "127.0.0.1,localhost",
            },
        )
        self.marionette.start_session()
        self.marionette.timeout.script = 20

    def _key(self, key: str) -> str:
        from marionette_driver.keys import Keys

        return getattr(Keys, _MARIONETTE_KEYS[key]) if key in _MARIONETTE_KEYS else key

    def goto(self, url: str) -> None:
        self.marionette.navigate(url)

    def script(self, body: str, *args: Any) -> Any:
        return self.marionette.execute_script(body, script_args=args, sandbox=None)

    def async_script(self, body: str, *args: Any) -> Any:
        return self.marionette.execute_async_script(body, script_args=args, sandbox=None)

    def press(self, key: str, shift: bool = False) -> None:
        sequence = self.marionette.actions.sequence("key", "keyboard")
        if shift:
            sequence.key_down(self._key("Shift"))
        sequence.key_down(self._key(key)).key_up(self._key(key))
        if shift:
            sequence.key_up(self._key("Shift"))
        sequence.perform()

    def click(self, selector: str) -> None:
        from marionette_driver.by import By

        self.marionette.find_element(By.CSS_SELECTOR, selector).click()

    def window(self, width: int, height: int) -> None:
        self.marionette.set_window_rect(width=width, height=height)

    def into_frame(self, selector: str) -> None:
        from marionette_driver.by import By

        self.marionette.switch_to_frame(self.marionette.find_element(By.CSS_SELECTOR, selector))

    def out_of_frame(self) -> None:
        self.marionette.switch_to_frame()

    def quit(self) -> None:
        self.marionette.delete_session()
        self.marionette.cleanup()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
