"""qa_core is the NumPy engine: it must never import streamlit or plotly."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_qa_core_imports_neither_streamlit_nor_plotly():
    code = (
        "import importlib, pkgutil, sys, qa_core\n"
        "mods = [m.name for m in pkgutil.walk_packages(qa_core.__path__, 'qa_core.')]\n"
        "assert len(mods) >= 2, mods\n"
        "for m in mods: importlib.import_module(m)\n"
        "bad = sorted(k for k in sys.modules if k.split('.')[0] in {'streamlit', 'plotly'})\n"
        "print(len(mods)); assert not bad, bad\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
