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

    from ui.widgets import advice, run_notice

    st.session_state.setdefault("lang", "zh")
    run_notice("diverged at epoch 7: the loss became non-finite", None)
    run_notice(
        None,
        "early stopping at epoch 30: no better validation loss for 10 epochs (best at epoch 20)",
    )
    run_notice("diverged at epoch 3", None, "run", (advice("lr"), advice("bn")))


def test_notices_are_localised_and_keep_the_epochs_and_advise_only_what_is_passed():
    at = AppTest.from_function(_notice_script)
    at.run()
    assert not at.exception
    assert "第 7 轮" in at.warning[0].value and "epoch" not in at.warning[0].value
    assert "第 30 轮" in at.info[0].value and "第 20 轮" in at.info[0].value
    assert "验证损失" in at.info[0].value  # early stopping watches the validation set
    assert "试着" not in at.warning[0].value  # nothing offered, nothing advised
    assert at.warning[1].value.endswith("试着降低学习率或打开批量归一化。")
    at.session_state["lang"] = "en"
    at.run()
    assert "epoch 7" in at.warning[0].value and "clipping" not in at.warning[0].value
    assert at.warning[1].value.endswith(
        " Try lowering the learning rate or switching batch norm on."
    )


def _prediction_script():
    import streamlit as st

    from ui.widgets import predict_then_run, reveal_prediction

    st.session_state.setdefault("lang", "zh")
    x = st.slider("x", 0, 10, 3, key="x")
    names = {"lo": st.session_state["lang"] + "-lo", "hi": st.session_state["lang"] + "-hi"}
    prediction = predict_then_run("guess", f"x = {x}?", ("lo", "hi"), names.get, context=x)
    if prediction.ready:
        st.write(f"result for {x}")
        reveal_prediction(prediction, "hi", "because")


def test_a_prediction_holds_the_result_back_until_answered_or_skipped_and_is_counted():
    from ui.widgets import prediction_tally  # noqa: F401 (the tally the home page shows)

    at = AppTest.from_function(_prediction_script)
    at.run()
    assert not at.exception
    assert "result for 3" not in [m.value for m in at.markdown]  # held back
    at.radio(key="guess").set_value("lo").run()
    assert "result for 3" in [m.value for m in at.markdown]
    assert "zh-lo" in at.warning[0].value and "zh-hi" in at.warning[0].value  # wrong, named
    assert not at.radio  # an answer is final ...
    at.session_state["lang"] = "en"
    at.run()
    assert "en-lo" in at.warning[0].value  # ... kept as an id, named in the new language
    assert at.session_state["predictions_tally"] == {("guess", 0): False}
    at.slider(key="x").set_value(5).run()  # the question changed: asked anew, result held back
    assert "x = 5?" in at.markdown[0].value and at.radio
    assert "result for 5" not in [m.value for m in at.markdown]
    at.button(key="guess_skip").click().run()
    shown = [m.value for m in at.markdown]
    assert "result for 5" in shown and any("en-hi" in m for m in shown)  # skipped: the answer
    at.button(key="guess_again").click().run()
    at.radio(key="guess").set_value("hi").run()
    assert at.success
    assert at.session_state["predictions_tally"] == {("guess", 0): False, ("guess", 2): True}
