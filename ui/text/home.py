"""Strings of the home page."""

TEXT = {
    "intro": (
        "这里收录了深度学习面试中最常被问到的一组问题：激活函数与梯度消失、ReLU 的优缺点与改进、"
        "过拟合的对策、Dropout 和批量归一化。每个回答都配有实时运行的 NumPy 实验——拖动滑块，"
        "亲眼看到答案为什么成立。",
        "Here are the questions deep-learning interviews ask most: activations and vanishing "
        "gradients, ReLU's strengths, flaws and fixes, remedies for overfitting, dropout and batch "
        "normalisation. Every answer comes with a live NumPy experiment: move a slider and see why "
        "the answer holds.",
    ),
    "how_to": (
        "在左侧选择专题，或点击下面的任一问题。侧边栏里可以切换语言；选择会保存在网址中，分享链接时对方看到的也是同一种语言。",
        "Pick a topic on the left or click any question below. The language switch is in the "
        "sidebar; your choice is kept in the address, so a shared link opens in the same language.",
    ),
    "questions_count": ("{n} 个问题", "{n} questions"),
    "coming_soon": ("即将推出", "Coming soon"),
    "playground_blurb": (
        "把所有专题学到的东西组合起来：自由搭建网络、切换 Dropout 和批量归一化，观察训练过程。",
        "Combine everything the topics teach: build a network freely, switch dropout and batch "
        "norm on and off, and watch it train.",
    ),
}
