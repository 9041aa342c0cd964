"""The playground page's session-state keys (besides its widgets' own ``playground_*`` keys) and the
timings of play."""

STATE = "playground_state"  # the canonical PlaygroundState: widget values survive a page change
RUN = "playground_run"  # this session's LiveRun (never shared between sessions)
PLAYING = "playground_playing"
URL_WRITTEN = "playground_url"  # this session's latest URLs (see url.read_url)
NOTICES = "playground_notices"  # (state, messages): what a link's values needed
LESSON = "playground_lesson"  # the preset whose lesson is shown
REBUILD = "playground_rebuild"  # the next run starts afresh (a link or a preset was loaded)
STEP_TOKEN = "playground_step_token"  # clicks of Step / +50 spent so far
LAST_TICK, CARRY = (
    "playground_last_tick",
    "playground_carry",
)  # the pace of play (qa_core pace.epochs_due)

URLS_KEPT = 16  # this session's latest URLs: a rerun may carry any one the browser still shows
TICK_S = 0.2  # redraw interval while playing
BUDGET_S = 0.6  # at most this long training per redraw (keeps clicks responsive)
FAST_FORWARD = 50  # epochs of the "+50" button
NEW_WIDTH = 4  # the width of a layer when it is added
