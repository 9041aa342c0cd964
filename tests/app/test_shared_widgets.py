"""Shared page helpers: the result cache with its progress bar, notices, predict-then-run."""

from streamlit.testing.v1 import AppTest

from ui.run_cache import ResultCache


def test_result_cache_evicts_the_least_recently_used():
    cache = ResultCache(max_entries=2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # a is now the most recent
    cache.put("c", 3)
    assert cache.get("b") is None and cache.get("a") == 1 and cache.get("c") == 3
    assert len(cache) == 2


def _cached_script():
    import streamlit as st

    from ui.run_cache import cached_with_progress

    def compute(progress):
        st.session_state["calls"] = st.session_state.get("calls", 0) + 1
        for i in range(3):
            progress((i + 1) / 3)
        return 42

    value = cached_with_progress(("test-key", st.session_state.get("salt", 0)), compute)
    st.write(f"value={value} calls={st.session_state['calls']}")


def test_cached_with_progress_computes_once_per_key():
    at = AppTest.from_function(_cached_script)
    at.session_state["salt"] = 12345
    at.run()
    assert not at.exception
    assert at.markdown[0].value == "value=42 calls=1"
    at.run()
    assert at.markdown[0].value == "value=42 calls=1"
    at.session_state["salt"] = 54321
    at.run()
    assert at.markdown[0].value == "value=42 calls=2"


def _notice_script():
    import streamlit as st

    from ui.widgets import predict_then_run, reveal_prediction, run_notice

    st.session_state.setdefault("lang", "zh")
    run_notice("diverged at epoch 7: the loss became non-finite", None)
    run_notice(
        None,
        "early stopping at epoch 30: no better validation loss for 10 epochs (best at epoch 20)",
    )
    choice = predict_then_run("guess", "?", ["A", "B"])
    reveal_prediction(choice, "B", "because")


def test_notices_are_localised_and_keep_the_epochs():
    at = AppTest.from_function(_notice_script)
    at.run()
    assert not at.exception
    assert "第 7 轮" in at.warning[0].value and "epoch" not in at.warning[0].value
    assert "第 30 轮" in at.info[0].value and "第 20 轮" in at.info[0].value
    assert "验证损失" in at.info[0].value  # early stopping watches the validation set
    at.session_state["lang"] = "en"
    at.run()
    assert "epoch 7" in at.warning[0].value
    at.radio(key="guess").set_value("A").run()
    assert at.warning[-1].value.count("B") >= 1
