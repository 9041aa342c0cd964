"""A simulated student: Streamlit's own WebSocket protocol, without a browser.

On a 2-core machine a real Chromium per student would eat the CPU the server needs, so the
classroom benchmark speaks the protocol the browser speaks: open ``/_stcore/stream``, ask for a
page run (a ``BackMsg`` with the query string and page), read ``ForwardMsg``s until the run has
finished, then move a slider by sending its new value as a widget state. A redraw is timed from
sending the value to the run's end: what the server adds to a student's wait (their browser
then draws the chart on their own machine).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


@dataclass
class Student:
    url: str  # http://host:port of a replica or of the proxy
    page: str  # url path of the page, e.g. "activations"
    route: str  # the proxy's affinity cookie: one per student, as one per browser
    query: str = "lang=en"
    # label → (widget id, value, id of the fragment it lives in or "")
    sliders: dict[str, tuple[str, list[float], str]] = field(default_factory=dict)
    buttons: dict[str, tuple[str, str]] = field(default_factory=dict)  # user key → (id, label)
    metrics: dict[str, str] = field(default_factory=dict)  # label → value last drawn
    fragments: set[str] = field(default_factory=set)  # ids of the fragments drawn so far
    drawn: list[str] = field(default_factory=list)  # kinds of the elements the last run sent
    page_hash: str = ""
    _ws: object = None

    async def connect(self) -> None:
        ws_url = self.url.replace("http://", "ws://") + "/_stcore/stream"
        self._ws = await websockets.connect(
            ws_url,
            subprotocols=["streamlit"],
            additional_headers={"Cookie": f"qa_route={self.route}"},
            max_size=None,
        )
        await self.rerun([])

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()

    async def rerun(self, widgets: list, fragment: str = "") -> float:
        """Ask for a run with these widget states (of ``fragment`` only, as the browser does for
        a widget inside an ``st.fragment``); seconds until the server says it finished."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_name = self.page
        state.page_script_hash = self.page_hash
        state.widget_states.widgets.extend(widgets)
        state.fragment_id = fragment
        self.drawn = []
        start = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await self._ws.recv())
            kind = forward.WhichOneof("type")
            if kind == "navigation" and forward.navigation.page_script_hash:
                self.page_hash = forward.navigation.page_script_hash
            elif kind == "page_info_changed":  # the app rewrote the URL: the browser follows
                self.query = forward.page_info_changed.query_string
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                self._note(forward.delta.new_element, forward.delta.fragment_id)
            elif kind == "script_finished":
                if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # e.g. the page guard's rerun on a fresh server: not the end yet
                if forward.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError(f"{self.page}: the script did not compile")
                return time.perf_counter() - start

    def _note(self, element, fragment: str) -> None:
        if fragment:
            self.fragments.add(fragment)
        kind = element.WhichOneof("type")
        self.drawn.append(kind)
        if kind == "slider":
            s = element.slider
            self.sliders.setdefault(s.label, (s.id, list(s.default), fragment))
        elif kind == "button":
            # an id made from a user key ends with "-" and the key
            b = element.button
            self.buttons[b.id.rsplit("-", 1)[-1]] = (b.id, b.label)
        elif kind == "metric":
            self.metrics[element.metric.label] = element.metric.body

    async def click(self, key: str, fragment: str = "") -> float:
        """Press the button with user key ``key`` (its trigger in a run of ``fragment`` if
        given: the browser sends a pending trigger with a fragment's timed rerun too)."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        state = WidgetState(id=self.buttons[key][0])
        state.trigger_value = True
        return await self.rerun([state], fragment)

    async def move_slider(self, label: str, step: float) -> float:
        """Move the slider ``label`` (every thumb) by ``step`` and back on the next call."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        widget_id, value, fragment = self.sliders[label]
        moved = [v + step for v in value]
        self.sliders[label] = (widget_id, moved, fragment)
        state = WidgetState(id=widget_id)
        state.double_array_value.data.extend(moved)
        return await self.rerun([state], fragment)
