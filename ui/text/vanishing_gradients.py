"""Strings of the vanishing-gradient page."""

TEXT = {
    "title": ("梯度消失", "Vanishing gradients"),
    # -- shared controls
    "activation": ("激活函数", "Activation"),
    "activations": ("激活函数（可多选）", "Activations (choose several)"),
    "need_one": ("请至少选择一个激活函数。", "Choose at least one activation."),
    "depth": ("深度（层数）", "Depth (layers)"),
    "width": ("宽度（每层单元数）", "Width (units per layer)"),
    "batch": ("批量大小", "Batch size"),
    "init": ("初始化", "Initialisation"),
    "init_matched": (
        "匹配（sigmoid/tanh 用 Xavier，其余用 He）",
        "Matched (Xavier for sigmoid/tanh, He otherwise)",
    ),
    "init_xavier": ("Xavier（正态）", "Xavier (normal)"),
    "init_xavier_uniform": ("Xavier（均匀）", "Xavier (uniform)"),
    "init_he": ("He（Kaiming）", "He (Kaiming)"),
    "init_lecun": ("LeCun", "LeCun"),
    "init_normal": ("正态 N(0, std²)", "Normal N(0, std²)"),
    "std": ("正态初始化的标准差 std", "Std of the normal init"),
    "std_help": (
        "只对“正态 N(0, std²)”初始化起作用；它与层宽无关，所以宽层里很容易过大。",
        "Used by the “normal N(0, std²)” init only. It ignores the layer width, which is why "
        "it is easily too large for wide layers.",
    ),
    "weight_scale": ("权重倍数", "Weight scale"),
    "weight_scale_help": (
        "所有隐藏层的初始权重再乘上这个数。倍数很大时梯度会溢出（图中标为“溢出”）。",
        "Multiplies every hidden layer's initial weights. With huge scales the gradients "
        "overflow (marked “overflow” on the charts).",
    ),
    "input_scale": ("输入尺度 s", "Input scale s"),
    "layer_axis": ("层 l（1 = 最靠近输入）", "layer l (1 = next to the input)"),
    "depth_axis": ("网络深度 L（层数）", "network depth L (layers)"),
    "grad_norm_axis": ("梯度范数 ‖∂L/∂W‖", "gradient norm ‖∂L/∂W‖"),
    "overflow": ("溢出", "overflow"),
    "zero": ("0（下溢）", "0 (underflow)"),
    "overflow_line": ("溢出 ✕", "overflow ✕"),
    "zero_line": ("恰好为 0 ▼", "exactly 0 ▼"),
    "overflow_notice": (
        "**溢出**（图顶部的 ✕）：梯度或它的平方和超出了 float64 的表示范围（约 $1.8\\times10^{308}$；"
        "范数是平方和再开方，所以超过约 $10^{154}$ 就会溢出）。原因是权重太大：每一层都把梯度放大许多倍，"
        "几十层连乘下来就是天文数字——这是梯度爆炸最极端的样子，真实训练中损失会变成 inf 或 NaN。"
        "请减小标准差或权重倍数，或改用 Xavier/He 初始化。",
        "**Overflow** (✕ at the top of the chart): the gradient, or the sum of its squares, left "
        "the range of float64 (about $1.8\\times10^{308}$; a norm is the square root of a sum of "
        "squares, so norms beyond about $10^{154}$ overflow). The weights are too large: every "
        "layer multiplies the gradient by a big factor, and a few dozen layers raise it to an "
        "astronomical size. This is exploding gradients in their most extreme form; in real "
        "training the loss would turn into inf or NaN. Lower the std or the weight scale, or "
        "use Xavier/He.",
    ),
    "zero_notice": (
        "**恰好为 0**（图底部的 ▼）：一连串小因子的乘积低于 float64 的最小正数（约 $5\\times10^{-324}$），"
        "下溢成了 0——这是梯度消失最极端的样子；也可能是每条路径都被 $f'=0$ 的单元切断了。",
        "**Exactly zero** (▼ at the bottom of the chart): the product of small factors fell below "
        "float64's smallest positive number (about $5\\times10^{-324}$) and underflowed to 0, "
        "which is vanishing gradients in their most extreme form; or every path was cut by units "
        "with $f'=0$.",
    ),
    # -- 1. saturation up close
    "exp_saturation": ("饱和区特写", "Saturation"),
    "saturation_intro": (
        "一个刚初始化的深层网络：每层计算 $z_l = h_{l-1}W_l$、$h_l = f(z_l)$，输入 "
        "$x\\sim\\mathcal N(0, s^2)$。下图把所选层**实际**预激活 $z_l$ 的直方图（左轴）和导数 $f'(z)$"
        "（右轴）叠在一起；灰色阴影是“平坦区”，那里的 $f'$ 低于其最大值的一定比例，落在其中的单元几乎不往回传梯度。"
        "默认用朴素的 $\\mathcal N(0,1)$ 初始化：每个单元有 256 个输入，$z$ 的标准差约为上一层输出均方根的 "
        "$\\sqrt{256}=16$ 倍，大量单元被推进饱和区。把初始化换成 Xavier，直方图就缩回 0 附近斜率最大的地方。",
        "A freshly initialised deep network: each layer computes $z_l = h_{l-1}W_l$ and "
        "$h_l = f(z_l)$, with inputs $x\\sim\\mathcal N(0, s^2)$. The chart lays the histogram of "
        "the chosen layer's **actual** pre-activations $z_l$ (left axis) under the slope $f'(z)$ "
        "(right axis). Grey shading marks the flat zone, where $f'$ is below a chosen share of its "
        "maximum: units there pass back almost no gradient. The start is the naive init "
        "$\\mathcal N(0,1)$: with 256 inputs per unit, $z$ has about $\\sqrt{256}=16$ times the "
        "root mean square of the previous layer's outputs, so many units sit in the tails. Switch "
        "the init to Xavier and the histogram moves back to the steep part around 0.",
    ),
    "layer_pick": ("查看第几层", "Layer to inspect"),
    "flat_ratio": ("平坦区：f′ 低于最大值的", "Flat zone: f′ below this share of its max"),
    "flat_ratio_help": (
        "例如 10%：sigmoid 的 f′ < 0.025（|z| > 3.6），tanh 的 f′ < 0.1（|z| > 1.8）。"
        "ReLU 在 z < 0 时 f′ = 0，无论阈值多少都算平坦。",
        "For example 10 %: sigmoid's f′ < 0.025 (|z| > 3.6), tanh's f′ < 0.1 (|z| > 1.8). "
        "ReLU's f′ = 0 for z < 0, which counts as flat at any threshold.",
    ),
    "saturation_title": (
        "第 {layer} 层（共 {depth} 层）的预激活与 f′",
        "Pre-activations of layer {layer} of {depth}, under f′",
    ),
    "hist_label": ("该层 z 的直方图（左轴）", "histogram of z (left axis)"),
    "fprime_label": ("f′(z)（右轴）", "f′(z) (right axis)"),
    "flat_zone": ("平坦区 f′ < {below}", "flat zone f′ < {below}"),
    "z_axis": ("预激活 z", "pre-activation z"),
    "share_axis": ("占比 (%)", "share (%)"),
    "fprime_axis": ("f′(z)", "f′(z)"),
    "flat_metric": ("落在平坦区的比例", "Share in the flat zone"),
    "flat_metric_help": (
        "f′(z) 低于其最大值 {ratio} 的预激活所占比例（溢出的值也算在内）。",
        "Share of pre-activations where f′(z) is below {ratio} of its maximum (overflowed "
        "values count too).",
    ),
    "mean_fprime_metric": ("该层 f′ 的平均值", "Mean f′ on this layer"),
    "z_std_metric": ("z 的标准差", "Std of z"),
    "sat_overflow_notice": (
        "部分预激活溢出了 float64（超过约 1.8×10³⁰⁸，成了 inf 或 NaN）：直方图里没有它们，但计入了平坦区占比。"
        "权重或输入太大，信号每层被放大许多倍，几十层后就超出了浮点数的范围。请减小权重倍数、标准差或输入尺度。",
        "Some pre-activations overflowed float64 (beyond about 1.8e308 they became inf or NaN). "
        "They are left out of the histogram but counted in the flat-zone share. The weights or "
        "inputs are so large that the signal is multiplied many times per layer and leaves the "
        "floating-point range after a few dozen layers. Lower the weight scale, std or input scale.",
    ),
    "flat_title": ("每一层落在平坦区的比例", "Share in the flat zone, layer by layer"),
    "flat_share_label": ("平坦区占比", "share in flat zone"),
    "flat_axis": ("平坦区占比 (%)", "share in flat zone (%)"),
    "selected_layer": ("所选层", "selected layer"),
    # -- 2. depth sweep, predict then run
    "exp_sweep": ("深度扫描", "Depth sweep"),
    "predict_question": (
        "一个 20 层、用 Xavier 初始化的 sigmoid 网络：第一层权重的梯度 $\\|\\partial L/\\partial W_1\\|$ "
        "比最后一层的 $\\|\\partial L/\\partial W_{20}\\|$ 大还是小？差多少？",
        "A 20-layer sigmoid network with Xavier init: is the first layer's weight gradient "
        "$\\|\\partial L/\\partial W_1\\|$ larger or smaller than the last layer's "
        "$\\|\\partial L/\\partial W_{20}\\|$, and by how much?",
    ),
    "predict_larger": ("更大（10 倍以上）", "Larger (by more than 10×)"),
    "predict_same": ("差不多（相差不到 10 倍）", "About the same (within 10×)"),
    "predict_smaller": ("更小，小 10 到 10⁶ 倍", "Smaller, by 10× to 10⁶×"),
    "predict_much_smaller": ("更小，小 10⁶ 倍以上", "Smaller, by more than 10⁶×"),
    "predict_undefined": (
        "这组设置下有梯度溢出或恰好为 0，无法计算比值。",
        "With these settings a gradient overflowed or is exactly 0, so there is no ratio.",
    ),
    "predict_explain": (
        "实测（宽 {width}、批量 {batch}、种子 0）：$\\|\\partial L/\\partial W_1\\|$ = {first}，"
        "$\\|\\partial L/\\partial W_{{20}}\\|$ = {last}，两者之比为 {ratio}。误差从第 20 层传回第 1 层，"
        "要乘上 19 个 $\\sigma'$，每个都不超过 0.25，单是激活函数这部分就至少把它缩小到 "
        "$0.25^{{19}}\\approx$ {ceiling} 倍；Xavier 只让权重的放大倍数接近 1，补不回这个差距。"
        "上面图中 sigmoid 的曲线贴着虚线 $0.25^{{L-1}}$ 往下走，道理相同。",
        "Measured (width {width}, batch {batch}, seed 0): $\\|\\partial L/\\partial W_1\\|$ = "
        "{first} and $\\|\\partial L/\\partial W_{{20}}\\|$ = {last}, a ratio of {ratio}. On its "
        "way from layer 20 back to layer 1 the error is multiplied by 19 sigmoid slopes, each at "
        "most 0.25, so the activation factors alone shrink it to $0.25^{{19}}\\approx$ {ceiling} "
        "of its size or less; Xavier only keeps the weights' gain near 1 and cannot make up for "
        "that. The sigmoid line in the sweep above runs along the dashed $0.25^{{L-1}}$ ceiling "
        "for the same reason.",
    ),
    "sweep_intro": (
        "对深度 $L=1\\ldots D$ 的网络测量第一层权重的梯度范数 $\\|\\partial L/\\partial W_1\\|$（对数纵轴）。"
        "所有深度用同一个随机种子：深度 $L$ 的网络就是同一叠层的前 $L$ 层。上图用好的初始化"
        "（sigmoid、tanh 用 Xavier，ReLU 类用 He），下图用与层宽无关的 $\\mathcal N(0,\\sigma^2)$。"
        "虚线是 sigmoid 的上限 $g_1\\cdot0.25^{L-1}$（$g_1$ 为深度 1 的实测值）：如果权重既不放大也不缩小，"
        "每多一层 sigmoid，梯度至少缩小到 1/4。",
        "For networks of depth $L=1\\ldots D$: the norm of the first layer's weight gradient "
        "$\\|\\partial L/\\partial W_1\\|$ (log axis). Every depth uses the same seed: the "
        "depth-$L$ network is the first $L$ layers of one stack. Top: a good init (Xavier for "
        "sigmoid and tanh, He for the ReLU family); bottom: $\\mathcal N(0,\\sigma^2)$, which "
        "ignores the width. The dashed line is the sigmoid ceiling $g_1\\cdot0.25^{L-1}$ ($g_1$ "
        "is the value measured at depth 1): if the weights neither grew nor shrank the gradient, "
        "every extra sigmoid layer would cut it to a quarter or less.",
    ),
    "max_depth": ("显示到深度 D", "Show depths up to D"),
    "bad_std": ("坏初始化的标准差 σ", "Bad init's std σ"),
    "good_panel": (
        "好初始化：Xavier（sigmoid、tanh）/ He（ReLU 类）",
        "Good init: Xavier (sigmoid, tanh) / He (ReLU family)",
    ),
    "bad_panel": (
        "坏初始化：N(0, {std}²)，与层宽无关",
        "Bad init: N(0, {std}²), whatever the width",
    ),
    "ceiling_label": ("sigmoid 上限 g₁·0.25^(L−1)", "sigmoid ceiling g₁·0.25^(L−1)"),
    "sweep_running": ("正在扫描深度（{n} 条曲线）……", "Sweeping depths ({n} lines)…"),
    "sweep_caption": (
        "✕ 表示溢出（inf/NaN），▼ 表示恰好为 0（下溢）。为了速度，深度取 1–6、8、10、13、16、20、25、30、40、50；"
        "曲线在对数轴上近乎直线，省略的深度不会藏住什么。坏初始化下即使 sigmoid 和 tanh 也可能爆炸："
        "饱和让大部分单元的 $f'$ 接近 0，但每个权重矩阵约 $\\sigma\\sqrt{n}$ 倍的放大（宽 256 时为 $16\\sigma$）超过了这个衰减。",
        "✕ marks an overflow (inf/NaN), ▼ an exact zero (underflow). To stay fast the sweep "
        "measures depths 1–6, 8, 10, 13, 16, 20, 25, 30, 40 and 50; on the log axis the lines "
        "are nearly straight, so the skipped depths hide nothing. With the bad init even sigmoid "
        "and tanh can explode: saturation pushes most units' $f'$ towards 0, but the gain of "
        "each weight matrix, about $\\sigma\\sqrt{n}$ ($16\\sigma$ at width 256), outweighs that.",
    ),
    # -- 3. gradient norm per layer
    "exp_layers": ("逐层梯度范数", "Per-layer norms"),
    "layers_intro": (
        "同一个网络（同一随机种子）换上不同的激活函数，画出每一层权重梯度的范数 $\\|\\partial L/\\partial W_l\\|$："
        "第 1 层靠近输入，最后一层靠近损失。对数纵轴上，每层按相同比例缩小的梯度是一条斜线。"
        "也可以先在探针自己的这批数据上用 SGD 训练 k 步，再测一次（虚线）。",
        "One network (same seed) with different activations: the norm of each layer's weight "
        "gradient $\\|\\partial L/\\partial W_l\\|$, layer 1 next to the input, the last layer "
        "next to the loss. On the log axis, a gradient that shrinks by the same factor per layer "
        "is a sloping straight line. Optionally train for k SGD steps on the probe's own batch "
        "first and measure again (dashed).",
    ),
    "steps": ("先训练 k 步", "Train k steps first"),
    "steps_help": (
        "全批量 SGD，数据是探针自己的随机输入和随机标签（只为观察训练后的梯度，不为学到什么）。k > 0 时按按钮运行。",
        "Full-batch SGD on the probe's own random inputs and random labels (to watch the "
        "gradients after training, not to learn anything). For k > 0, press the button to run.",
    ),
    "lr": ("学习率", "Learning rate"),
    "train_button": ("训练 {steps} 步", "Train (k = {steps})"),
    "train_hint": (
        "训练需要几秒钟：按上面的按钮开始。图中先显示初始化时的梯度。",
        "Training takes a few seconds: press the button above. Meanwhile the chart shows the "
        "gradients at initialisation.",
    ),
    "train_running": ("正在训练 {steps} 步……", "Training (k = {steps})…"),
    "at_init": ("{act}（初始化时）", "{act} (at init)"),
    "after_steps": ("{act}（训练 {steps} 步后）", "{act} (trained, k = {steps})"),
    "layers_title": (
        "各层的梯度范数 · {depth} 层 · 初始化 {init}",
        "Gradient norm per layer · {depth} layers · init {init}",
    ),
    "col_activation": ("激活函数", "Activation"),
    "col_first": ("‖∂L/∂W₁‖（第一层）", "‖∂L/∂W₁‖ (first layer)"),
    "col_last": ("‖∂L/∂W_L‖（最后一层）", "‖∂L/∂W_L‖ (last layer)"),
    "col_ratio": ("第一层 ÷ 最后一层", "first ÷ last"),
    "train_diverged": (
        "{act}：第 {step} 步损失变成了 inf/NaN，训练已停止。学习率太大，或初始权重太大导致梯度爆炸。",
        "{act}: the loss became inf/NaN at step {step} and training stopped. The learning rate "
        "is too high, or the initial weights are so large that the gradients explode.",
    ),
    "train_loss": (
        "{act}：训练 {steps} 步，损失 {before} → {after}",
        "{act}: loss {before} → {after} (k = {steps})",
    ),
    # -- 4. activation statistics per layer
    "exp_stats": ("逐层激活统计", "Activation stats"),
    "stats_intro": (
        "每一层输出 $h_l=f(z_l)$ 的分布（整批样本和所有单元汇总在一起）。上面一行用与激活函数匹配的初始化，"
        "下面一行用 $\\mathcal N(0,\\sigma^2)$。匹配的初始化让各层的分布大体保持；坏的初始化下，sigmoid "
        "的输出挤向 0 和 1（σ 很小时则坍缩到 0.5），tanh 挤向 ±1（σ 很小时坍缩到 0），ReLU 逐层放大或缩小。"
        "tanh 只用 Xavier 时离散程度仍会慢慢变小，把增益调到 5/3（PyTorch 对 tanh 的建议值）就能稳住。",
        "The distribution of each layer's outputs $h_l=f(z_l)$, pooled over the batch and all "
        "units. Top row: the init matched to the activation; bottom row: $\\mathcal N(0,\\sigma^2)$. "
        "The matched init roughly keeps the distribution from layer to layer. With the bad one, "
        "sigmoid outputs crowd at 0 and 1 (or collapse to 0.5 for a tiny σ), tanh outputs crowd "
        "at ±1 (or collapse to 0), and ReLU outputs grow or shrink layer after layer. Tanh with "
        "plain Xavier still narrows slowly; a gain of 5/3 (PyTorch's value for tanh) holds it "
        "steady.",
    ),
    "good_gain": ("匹配初始化的增益", "Gain on the matched init"),
    "good_gain_help": (
        "乘在匹配初始化的权重上。PyTorch 建议 tanh 用 5/3；ReLU 的 √2 已经包含在 He 初始化里。",
        "Multiplies the matched init's weights. PyTorch recommends 5/3 for tanh; ReLU's √2 is "
        "already part of He init.",
    ),
    "stats_good": ("匹配初始化：{init}", "Matched init: {init}"),
    "stats_bad": ("坏初始化：N(0, {std}²)", "Bad init: N(0, {std}²)"),
    "stats_title": (
        "{act} 网络各层输出的分布",
        "Distribution of each layer's outputs, {act} network",
    ),
    "stats_caption": (
        "箱体：25%–75% 分位数；箱中横线：中位数；须：5%–95% 分位数；虚线菱形：均值 ± 标准差。",
        "Box: 25–75 % quantiles; line in the box: median; whiskers: 5–95 %; dashed diamond: "
        "mean ± std.",
    ),
    "spread_title": ("各层输出的标准差（对数纵轴）", "Std of each layer's outputs (log axis)"),
    "std_axis": ("标准差", "std"),
    "output_axis": ("输出 h", "output h"),
    "stats_overflow": (
        "坏初始化下部分输出溢出了 float64（inf/NaN），统计只用了有限值：信号每层被放大得太多。",
        "With the bad init some outputs overflowed float64 (inf/NaN); the statistics use the "
        "finite values only. The signal grows by too large a factor per layer.",
    ),
}
