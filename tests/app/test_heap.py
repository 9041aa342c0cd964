"""ui.heap: the app's libraries are frozen once per process, so Streamlit's collection after
each run walks only what the runs made, and still collects it."""

import json
import subprocess
import sys

from ui.topics import ALL_TOPICS, ROOT

PROBE = """
import gc, json, sys, weakref
from ui.heap import freeze_startup_heap
from ui.topics import ALL_TOPICS

frozen = freeze_startup_heap()
again = freeze_startup_heap()
walked = len(gc.get_objects())  # what a full collection still has to walk


class Node:
    pass


node = Node()
node.me = node  # a cycle: only the collector can free it
alive = weakref.ref(node)
del node
gc.collect()
folder_modules = [f"ui.topics.{topic.id}.{path.stem}" for topic in ALL_TOPICS
                  for path in topic.text_path.parent.glob("*.py") if path.stem != "__init__"]
print(json.dumps({"frozen": frozen, "again": again, "walked": walked,
                  "cycle freed": alive() is None, "topic modules": len(folder_modules),
                  "not frozen": [m for m in folder_modules if m not in sys.modules]}))
"""


def test_the_libraries_are_frozen_once_and_new_garbage_is_still_collected():
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    seen = json.loads(done.stdout)
    assert seen["frozen"] > 50_000  # NumPy, pandas, Plotly, Streamlit and the app's modules
    assert seen["again"] == seen["frozen"]  # a second call freezes nothing more
    assert seen["walked"] < seen["frozen"] / 20
    # every module of every registered topic's folder was imported before the freeze
    assert seen["topic modules"] >= 2 * len(ALL_TOPICS) and not seen["not frozen"], seen
    assert seen["cycle freed"]


def test_app_freezes_before_it_navigates():
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    assert source.index("freeze_startup_heap()") < source.index("st.navigation(")
