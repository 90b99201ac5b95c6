"""What the real-browser measurements share: starting Debian's chromium, finding a weight
slider, timing a repaint in the page, and summing times up as median and percentiles.

The locators and scripts work with Playwright's sync and async APIs alike (only the
calls that act on them are awaited in the async one).
"""

from __future__ import annotations

import statistics

from tests.browser import chromium_path

__all__ = [
    "EDITOR_COLUMN_PX",
    "FOLLOW_RUNS",
    "WATCH_RERUN",
    "cell_text",
    "launch",
    "open_tab",
    "percentile",
    "slider_thumb",
    "time_summary",
    "type_into_cell",
]

# Install just before a key press: `window.__kfMove` resolves with the milliseconds until
# the app's script state is idle again after a run the press started, and the next frame
# is painted. A run is known by its running state or, when a busy browser draws the run's
# start and end in one render (the state is then never seen as running), by the server's
# "script finished" message on the page's socket (ForwardMsg field 6, found by reading the
# message's top-level protobuf fields). The socket is found on its next send: the move's
# own rerun request. `window.__kfWatch` says what was seen, for a report when no run is.
WATCH_RERUN = """
() => {
  const app = () => document.querySelector('[data-testid=stApp]');
  const state = () => app()?.getAttribute('data-test-script-state');
  const finishedMessage = (bytes) => {
    let i = 0;
    const varint = () => {
      let value = 0, scale = 1, byte;
      do { byte = bytes[i++]; value += (byte & 127) * scale; scale *= 128; }
      while (byte & 128 && i < bytes.length);
      return value;
    };
    while (i < bytes.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag % 8;
      if (field === 6 && wire === 0) return true;
      if (wire === 0) varint();
      else if (wire === 2) i += varint();
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return false;
    }
    return false;
  };
  if (!window.__kfFinished) {
    window.__kfFinished = {count: 0, check: () => {}};
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      if (!this.__kfHeard) {
        this.__kfHeard = true;
        this.addEventListener('message', (event) => {
          if (event.data instanceof ArrayBuffer && finishedMessage(new Uint8Array(event.data))) {
            window.__kfFinished.count += 1;
            // After Streamlit's own handling of the message, in a later task.
            setTimeout(() => window.__kfFinished.check(), 0);
          }
        });
      }
      return send.call(this, data);
    };
  }
  const heard = window.__kfFinished;
  const finishedBefore = heard.count;
  const start = performance.now();
  const watch = {running: false, finished: false, resolved: false};
  window.__kfWatch = watch;
  window.__kfMove = new Promise((resolve) => {
    const observer = new MutationObserver(() => check());
    const check = () => {
      const now = state();
      if (now === 'running' || now === 'rerunRequested') watch.running = true;
      watch.finished = heard.count > finishedBefore;
      if (!watch.resolved && now === 'notRunning' && (watch.running || watch.finished)) {
        watch.resolved = true;
        observer.disconnect();
        heard.check = () => {};
        requestAnimationFrame(() => resolve(performance.now() - start));
      }
    };
    heard.check = check;
    observer.observe(app(), {attributes: true});
  });
}
"""

# Install once on a page with a line starting with `prefix` (the facilitator's mean
# weights): follows every run of the script (the automatic refresh is a fragment run,
# which sets the same script state) and keeps the line as it was when each run finished,
# in `window.__kfRuns` ({start, end, line}, epoch milliseconds). Returns the line now.
FOLLOW_RUNS = """
(prefix) => {
  const app = document.querySelector('[data-testid=stApp]');
  const meanLine = () => {
    for (const el of document.querySelectorAll('[data-testid=stMarkdownContainer]')) {
      if (el.innerText.startsWith(prefix)) return el.innerText;
    }
    return null;
  };
  window.__kfRuns = [];
  let started = null;
  new MutationObserver(() => {
    const state = app.getAttribute('data-test-script-state');
    if (state === 'running' && started === null) started = Date.now();
    if (state === 'notRunning' && started !== null) {
      const begun = started;
      started = null;
      requestAnimationFrame(() => {
        window.__kfRuns.push({start: begun, end: Date.now(), line: meanLine()});
      });
    }
  }).observe(app, {attributes: true});
  return meanLine();
}
"""


# Streamlit's data editor (glide data grid): header and row height in pixels, and a point
# inside its first column (the grid is a canvas: a cell is reached by its position).
_HEADER_PX, _ROW_PX, EDITOR_COLUMN_PX = 40, 39, 40
_CLICKS = 5
_CELL_INPUT = "#portal input, .gdg-input, textarea"
_GRID_FOCUSED = "() => document.activeElement?.closest('[data-testid=stDataFrame]') != null"
_IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
# The grid's top scrolled to just below Streamlit's header bar: scrolled to the very top,
# the bar lies over the grid's first data row and takes a click meant for it.
_GRID_TO_TOP = """
el => {
  const bar = document.querySelector('[data-testid=stHeader]');
  el.style.scrollMarginTop = `${(bar ? bar.getBoundingClientRect().bottom : 0) + 8}px`;
  el.scrollIntoView({block: 'start'});
}
"""


async def type_into_cell(page, grid, *, row: int, column: int, text: str, timeout: float) -> None:
    """Type `text` into the cell of `grid` (a data editor in view) at data row `row` and
    column `column` (0 = the first of each), commit it and wait for the page's rerun.
    Async API only; the grid's top is scrolled to below the app's header bar, the row
    must fit below it."""
    await grid.evaluate(_GRID_TO_TOP, timeout=timeout)
    await page.evaluate("() => document.activeElement?.blur()")
    cell = page.locator(_CELL_INPUT).first
    # A click while the page reruns can land before the grid is ready, or a rerun can
    # clear the selection before Enter opens the cell: start again from the click.
    for attempt in range(_CLICKS):
        box = await grid.bounding_box(timeout=timeout)
        y = box["y"] + _HEADER_PX + _ROW_PX * row + _ROW_PX // 2
        await page.mouse.click(box["x"] + EDITOR_COLUMN_PX, y)
        try:
            await page.wait_for_function(_GRID_FOCUSED, timeout=timeout / _CLICKS)
            for _ in range(column):
                await page.keyboard.press("ArrowRight")
            await page.keyboard.press("Enter")
            await cell.wait_for(timeout=timeout / _CLICKS)
            break
        except Exception:
            if attempt == _CLICKS - 1:
                raise
            await page.keyboard.press("Escape")
    await cell.fill(text)
    await page.keyboard.press("Enter")
    await page.wait_for_selector(_IDLE, timeout=timeout)


async def cell_text(grid, *, column: int, row: int, timeout: float = 30_000) -> str:
    """A grid cell's text as the grid's accessible table holds it, once it is there."""
    cell = grid.get_by_test_id(f"glide-cell-{column}-{row}")
    await cell.wait_for(state="attached", timeout=timeout)
    return (await cell.text_content(timeout=timeout) or "").strip()


async def open_tab(page, label: str) -> None:
    """Click the tab labelled `label` unless it is open already (a click on the open tab
    leaves a data editor in it deaf to the next click)."""
    button = page.get_by_role("tab", name=label)
    if await button.get_attribute("aria-selected") != "true":
        await button.click()


def launch(playwright):
    """Debian's chromium, headless (a coroutine with the async API); None without it."""
    executable = chromium_path()
    if executable is None:
        return None
    return playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])


def slider_thumb(page, label: str):
    """The thumb of the weight slider labelled `label` (focus it before pressing keys)."""
    block = page.get_by_test_id("stSlider").filter(has=page.get_by_text(label, exact=True))
    return block.get_by_role("slider")


def percentile(values: list[float], q: float) -> float:
    """The value at rank `q` (0–1) of the sorted values, by the nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def time_summary(values: list[float]) -> dict[str, float | None]:
    """Median, 95th percentile and slowest of times in milliseconds (None when empty)."""
    if not values:
        return {"median_ms": None, "p95_ms": None, "max_ms": None}
    return {
        "median_ms": round(statistics.median(values), 1),
        "p95_ms": round(percentile(values, 0.95), 1),
        "max_ms": round(max(values), 1),
    }
