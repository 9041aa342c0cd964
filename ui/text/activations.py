"""Strings of the activation-function explorer."""

TEXT = {
    "title": ("激活函数及其导数", "Activation functions and their derivatives"),
    "intro": (
        "选择若干激活函数：第一张图画 $f(z)$，第二张画导数 $f'(z)$，两图的 z 轴相同。阴影标出导数低于阈值的饱和区，菱形标出导数的最大值。",
        "Pick some activations: the first chart shows $f(z)$, the second its derivative $f'(z)$ over the "
        "same range of z. Shading marks "
        "the saturated zones where the derivative falls below a threshold; a diamond marks its maximum.",
    ),
    "exp_plot": ("函数与导数", "Function and derivative"),
    "exp_identity": ("tanh 与 sigmoid 的关系", "tanh vs sigmoid"),
    "exp_check": ("导数核对", "Derivative check"),
    "choose": ("激活函数", "Activations"),
    "choose_help": ("可多选，同一张图上对比。", "Choose several to compare them on one chart."),
    "z_range": ("z 的范围", "Range of z"),
    "threshold": ("饱和阈值 |f′| <", "Saturation threshold |f′| <"),
    "threshold_help": (
        "导数绝对值低于该值的区域被视为饱和区，并以阴影标出。",
        "Where |f′(z)| is below this value the function counts as saturated; those zones are shaded.",
    ),
    "log_y": ("对数纵轴", "Log scale for f′"),
    "params": ("参数：Leaky ReLU、PReLU、RReLU", "Parameters: Leaky ReLU, PReLU, RReLU"),
    "alpha": ("Leaky ReLU 的 α（人工选定）", "Leaky ReLU's α (chosen by hand)"),
    "prelu_a": (
        "PReLU 的 a（训练中学习，初值 0.25）",
        "PReLU's a (learned in training; starts at 0.25)",
    ),
    "rrelu_bounds": ("RReLU 训练时斜率的范围 [l, u]", "RReLU's training-time slope range [l, u]"),
    "rrelu_note": (
        "RReLU 训练时每个元素的负半轴斜率随机取自 U({lower:.3f}, {upper:.3f})（阴影带和散点），"
        "推理时固定为均值 {mean:.3f}（实线）。这里采用 PyTorch 的约定；原论文写作 $z/a$，$a\\sim U(3,8)$，测试时 $a=5.5$。",
        "In training, RReLU gives every element its own negative slope drawn from U({lower:.3f}, "
        "{upper:.3f}) (band and dots); in eval the slope is fixed at the mean {mean:.3f} (solid line). "
        "This follows PyTorch; the paper writes $z/a$ with $a\\sim U(3,8)$ and $a=5.5$ at test.",
    ),
    "f_title": ("函数 f(z)", "Function f(z)"),
    "df_title": ("导数 f′(z)", "Derivative f′(z)"),
    "max_label": ("最大 {value:.3g}", "max {value:.3g}"),
    "threshold_label": ("阈值 {value:g}", "threshold {value:g}"),
    "band_label": ("RReLU 训练时的输出范围", "RReLU training-time range"),
    "draw_label": ("RReLU 一次训练前向（随机斜率）", "RReLU, one training pass (random slopes)"),
    "summary": ("导数摘要", "Derivative summary"),
    "col_activation": ("激活函数", "Activation"),
    "col_max": ("f′ 最大值", "max f′"),
    "col_argmax": ("取得最大值的 z", "at z"),
    "col_saturated": ("饱和区占比", "Saturated share"),
    "need_one": ("请至少选择一个激活函数。", "Choose at least one activation."),
    "identity_caption": (
        "tanh 不是 sigmoid 的简单平移：$\\tanh(z)=2\\sigma(2z)-1$，输入放大 2 倍、输出放大 2 倍再下移 1。"
        "粗线与虚线完全重合；点线 $\\sigma(z)-\\tfrac12$ 才是单纯的平移，它的最大斜率仍只有 0.25。",
        "tanh is not a mere shift of sigmoid: $\\tanh(z)=2\\sigma(2z)-1$ scales the input by 2, the "
        "output by 2, then shifts it down by 1. The thick and dashed lines coincide; the dotted "
        "$\\sigma(z)-\\tfrac12$ is a mere shift, and its slope never exceeds 0.25.",
    ),
    "identity_title": ("tanh(z) 与 2σ(2z) − 1", "tanh(z) and 2σ(2z) − 1"),
    "identity_tanh": ("tanh(z)", "tanh(z)"),
    "identity_via": ("2σ(2z) − 1", "2σ(2z) − 1"),
    "identity_sigmoid": ("σ(z)", "σ(z)"),
    "identity_shift": ("σ(z) − ½（单纯平移）", "σ(z) − ½ (a mere shift)"),
    "identity_gap": ("两者最大差值", "Largest difference"),
    "identity_gap_help": (
        "只剩浮点舍入误差（约 1e−16）。",
        "Only floating-point rounding is left (about 1e−16).",
    ),
    "check_caption": (
        "用中心差分 $\\frac{f(z+h)-f(z-h)}{2h}$（误差 $O(h^2)$）核对解析导数。采样点避开了 $z=0$ 处的折点。",
        "The analytic derivative against the central difference $\\frac{f(z+h)-f(z-h)}{2h}$ "
        "(error $O(h^2)$). The sample points avoid the kink at $z=0$.",
    ),
    "check_act": ("要核对的激活函数", "Activation to check"),
    "check_h": ("步长 h", "Step h"),
    "check_max": ("最大绝对误差", "Largest absolute error"),
    "col_z": ("z", "z"),
    "col_analytic": ("解析导数", "Analytic f′"),
    "col_numeric": ("中心差分", "Central difference"),
    "col_abs_error": ("绝对误差", "Absolute error"),
    "col_rel_error": ("相对误差", "Relative error"),
    "formula": ("公式", "Formula"),
}
