"""Keep Streamlit's collection after each run cheap.

Streamlit runs a full ``gc.collect()`` after every script run (``runner.postScriptGC``). A
full collection walks every object the collector tracks, and with NumPy, pandas, Plotly and
Streamlit loaded that is over 100,000 of them, on every slider move, before the run is
reported finished (bench/README.md has the cost measured). Nearly all of them are module-level
objects that live as long as the process. Importing the app's libraries once and then calling
``gc.freeze()`` moves them to the permanent generation, which collections skip; garbage the
runs make is still collected after each run.
"""

from __future__ import annotations

import functools
import gc
import importlib
import pkgutil

from ui.topics import ALL_TOPICS

# Everything a page imports, so that its module objects are frozen too (a page's own imports
# would otherwise happen after the freeze, on a visitor's first run): the libraries, then every
# module of every registered topic's folder.
LIBRARIES = (
    "numpy",
    "pandas",
    "plotly.graph_objects",
    "plotly.io",
    "qa_core",
    "ui.drill.page",
    "ui.home",
    "ui.layout",
)


def modules_to_freeze() -> list[str]:
    """LIBRARIES and the modules of ``ui/topics/<id>/`` for every topic in the registry."""
    names = list(LIBRARIES)
    for topic in ALL_TOPICS:
        package = importlib.import_module(f"ui.topics.{topic.id}")
        names += [m.name for m in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")]
    return names


@functools.cache
def freeze_startup_heap() -> int:
    """Import the app's libraries, collect, and freeze what is left (once per process).
    Returns how many objects were frozen."""
    for name in modules_to_freeze():
        importlib.import_module(name)
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
