"""Settings for every test, in this process and in the servers it starts."""

import os

# Charts built as plain dicts are drawn without plotly.py's validation in the app (it costs
# 10–20 ms a figure per redraw); every test draws them validated, so a bad property fails.
os.environ["QA_VALIDATE_FIGURES"] = "1"
