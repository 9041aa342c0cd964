"""Strings shared by every page: the app's name, topic titles, navigation, common messages."""

TEXT = {
    "app_title": ("深度学习问答", "Deep Learning Q&A Lab"),
    "app_tagline": (
        "经典深度学习面试题——每个答案旁边都有可以亲手运行的实验。",
        "The classic deep-learning interview questions, each answer beside an experiment you can run.",
    ),
    "nav_home": ("首页", "Home"),
    "nav_section_topics": ("问答专题", "Q&A topics"),
    "nav_section_lab": ("实验室", "Lab"),
    "topic_activations": ("激活函数", "Activation functions"),
    "topic_vanishing_gradients": ("梯度消失", "Vanishing gradients"),
    "topic_relu": ("ReLU 及其变体", "ReLU and its variants"),
    "topic_overfitting": ("过拟合", "Overfitting"),
    "topic_dropout": ("Dropout", "Dropout"),
    "topic_batch_norm": ("批量归一化", "Batch normalisation"),
    "topic_playground": ("游乐场", "Playground"),
    "qa_heading": ("问与答", "Questions and answers"),
    "experiments_heading": ("动手实验", "Experiments"),
    "check_yourself": ("自测", "Check yourself"),
    "show_answer": ("显示答案", "Show the answer"),
    "content_missing": ("无法载入问答内容：{detail}", "Could not load the Q&A text: {detail}"),
    "question_missing": (
        "专题 {topic} 中没有问题 {question}。",
        "Topic {topic} has no question {question}.",
    ),
    "bad_input": ("输入无效：{detail}", "Invalid input: {detail}"),
    "predict_heading": ("先预测，再运行", "Predict, then run"),
    "predict_reveal": ("揭晓答案", "Reveal the answer"),
    "running": ("正在计算……", "Computing…"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "your_prediction": ("你的预测", "Your prediction"),
    "predict_first": (
        "先在上面选出你的预测，再看实验结果。",
        "Pick your prediction above before you look at the result.",
    ),
    "predict_right": ("预测正确：{answer}", "You predicted it: {answer}"),
    "predict_wrong": (
        "你预测的是「{choice}」，实测结果是「{answer}」。",
        "You predicted “{choice}”; the run measured “{answer}”.",
    ),
    "diverged": (
        "训练在第 {epoch} 轮发散（损失或权重变得无穷大或过大），已停止。试着降低学习率，或打开梯度裁剪 / 批量归一化。",
        "The run diverged at epoch {epoch} and was stopped. Try a lower learning rate, or "
        "gradient clipping / batch norm.",
    ),
    "stopped": (
        "第 {epoch} 轮提前停止：测试损失不再改善（最好的一轮是第 {best} 轮）。",
        "Stopped early at epoch {epoch}: the test loss stopped improving (best at epoch {best}).",
    ),
    "train": ("训练集", "train"),
    "test": ("测试集", "test"),
    "epoch": ("轮次（epoch）", "epoch"),
    "loss": ("损失", "loss"),
    "accuracy": ("准确率", "accuracy"),
    "layer": ("第 {i} 层", "layer {i}"),
    "class_prob": ("P(类别 1)", "P(class 1)"),
}
