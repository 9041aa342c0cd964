"""Strings of the ReLU page (timing, non-saturation, sparsity, dying ReLU, the variants)."""

TEXT = {
    "title": ("ReLU 及其变体", "ReLU and its variants"),
    "run_changed": (
        "设置已改动：点上面的按钮用新设置重新计算（下面仍是上一次的结果）。",
        "Settings changed: press the button above to recompute (the results below are from the "
        "last run).",
    ),
    "seed": ("随机种子", "Random seed"),
    "epochs": ("训练轮数", "Epochs"),
    "col_activation": ("激活函数", "Activation"),
    "layer_short": ("第 {i} 层", "layer {i}"),
    # -- 1. timing ------------------------------------------------------------------------
    "exp_timing": ("计算开销实测", "Compute cost"),
    "timing_intro": (
        "在**这台服务器**上现场计时：对 $N$ 个随机数各算一次前向 $f(z)$ 和导数 $f'(z)$，"
        "重复若干轮（每轮轮换顺序，让机器负载对各函数一视同仁），取中位数。柱上的数字是相对 ReLU 的倍数，"
        "误差线是最快和最慢的一轮。RReLU 按训练模式计时（每个元素现抽一个随机斜率）。",
        "Timed live on **this server**: forward $f(z)$ plus derivative $f'(z)$ on $N$ random "
        "numbers, repeated in rounds (the order rotates each round so machine load hits every "
        "function alike); the bar is the median. The label on each bar is the ratio to ReLU; "
        "the error bar spans the fastest and slowest round. RReLU is timed in training mode (a "
        "fresh random slope per element).",
    ),
    "timing_n": ("元素个数 N", "Number of elements N"),
    "timing_repeats": ("重复轮数", "Rounds"),
    "timing_kernels": ("实现方式", "Implementation"),
    "kernels_minimal": ("最朴素的 NumPy 写法", "Plain NumPy one-liners"),
    "kernels_engine": ("本应用引擎的写法（防溢出）", "This app's engine (overflow-safe)"),
    "kernels_help": (
        "朴素写法：如 $1/(1+e^{-z})$、$\\max(0,z)$。引擎写法：训练引擎实际用的数值稳定版本"
        "（sigmoid 用 $e^{-|z|}$ 加 np.where 分支，tanh′ 用 sech²），多了几次临时数组。",
        "Plain: e.g. $1/(1+e^{-z})$, $\\max(0,z)$. Engine: the numerically safe versions the "
        "training engine runs (sigmoid via $e^{-|z|}$ and np.where, tanh′ via sech²), which "
        "allocate a few more temporary arrays.",
    ),
    "timing_run": ("开始计时", "Run timing"),
    "timing_title": (
        "前向 + 导数的耗时（N = {n}，{kernels}）",
        "Forward + derivative time (N = {n}, {kernels})",
    ),
    "timing_y": ("中位耗时（毫秒）", "median time (ms)"),
    "timing_ratio": ("×{ratio:.1f}", "×{ratio:.1f}"),
    "timing_running": ("正在计时……", "Timing…"),
    "col_median_ms": ("中位耗时 (ms)", "Median (ms)"),
    "col_ns": ("每元素 (ns)", "Per element (ns)"),
    "col_ratio": ("相对 ReLU", "× ReLU"),
    "timing_result": (
        "这一次测得：sigmoid 是 ReLU 的 **{sig:.1f} 倍**，tanh 是 **{tanh:.1f} 倍**，"
        "Leaky ReLU 是 **{leaky:.1f} 倍**（每个元素 ReLU 约 {relu_ns:.2g} ns）。",
        "This run measured: sigmoid took **{sig:.1f}×** ReLU's time, tanh **{tanh:.1f}×**, "
        "Leaky ReLU **{leaky:.1f}×** (ReLU: about {relu_ns:.2g} ns per element).",
    ),
    "timing_explain_title": (
        "这些数字说明什么、不说明什么",
        "What these numbers do and do not show",
    ),
    "timing_explain": (
        "- **指数确实贵。** sigmoid、tanh 每个元素要算一次 $e^{z}$（范围约简加多项式逼近，几十次浮点运算）"
        "外加除法；ReLU 只是一次比较加一次选择。\n"
        "- **但大数组是访存受限的。** 每个函数都要把 $z$ 读一遍、把结果写一遍，NumPy 每一步运算还会分配临时数组；"
        "算术再便宜，也得等内存。所以倍数远小于“运算条数之比”。把 $N$ 从 $10^4$ 调到 $10^7$，"
        "数据从放得进缓存变成放不进，倍数会跟着变。\n"
        "- **Leaky ReLU、PReLU 也不需要指数**，但在 NumPy 里要多一次乘法和一个 np.where，"
        "所以比 ReLU 慢一些；RReLU 训练时还要生成随机数。\n"
        "- **没测到的：** 浮点运算次数、GPU 内核、与矩阵乘法融合后的算子。真实网络里矩阵乘法占了大头，"
        "激活函数本身的差别会被进一步稀释。ReLU 的主要优势是下面的不饱和，而不是省下的这点时间。",
        "- **The exponential is real work.** Sigmoid and tanh need $e^{z}$ per element (range "
        "reduction plus a polynomial, a few dozen flops) and a division; ReLU is one compare and "
        "one select.\n"
        "- **But large arrays are memory-bound.** Every function reads $z$ once and writes its "
        "results, and each NumPy step allocates a temporary array; cheap arithmetic still waits "
        "for memory. So the ratios are far smaller than the ratio of operation counts. Move $N$ "
        "from $10^4$ to $10^7$ and the data stop fitting in cache: watch the ratios change.\n"
        "- **Leaky ReLU and PReLU need no exponential either**, but in NumPy they cost an extra "
        "multiply and an np.where, so they are slower than ReLU; RReLU in training also draws "
        "random numbers.\n"
        "- **Not measured:** flop counts, GPU kernels, activations fused into the matrix "
        "multiply. In a real network the matrix multiplies dominate and dilute these differences "
        "further. ReLU's main advantage is the non-saturation below, not the time saved here.",
    ),
    # -- 2. non-saturating ------------------------------------------------------------------
    "exp_saturation": ("不饱和", "Non-saturating"),
    "saturation_intro": (
        "在很宽的 $z$ 范围内比较导数。阴影是导数低于 0.01 的饱和区：sigmoid、tanh 两侧都饱和；"
        "ReLU 在 $z>0$ 上导数恒为 1，永不饱和，但在 $z<0$ 上导数恒为 0。",
        "The derivatives over a wide range of $z$. Shading marks the saturated zones where the "
        "derivative is below 0.01: sigmoid and tanh saturate on both sides; ReLU's derivative is "
        "exactly 1 for every $z>0$ and never saturates there, but it is exactly 0 for $z<0$.",
    ),
    "saturation_z": ("z 的范围", "Range of z"),
    "saturation_log": ("导数用对数坐标", "Log scale for f′"),
    "saturation_title": ("导数 f′(z)", "Derivative f′(z)"),
    "saturation_max": ("最大 {value:.3g}", "max {value:.3g}"),
    "saturation_threshold": ("阈值 {value:g}", "threshold {value:g}"),
    "saturation_table": ("几个点上的导数值", "The derivative at a few points"),
    "saturation_chain": (
        "反向传播每经过一层都要乘上激活函数的导数。沿一条路径经过 $L$ 层：sigmoid 的导数连乘至多 $0.25^{L}$"
        "（$L=10$ 时约 $9.5\\times10^{-7}$），而处于激活状态的 ReLU 每层乘的都是 1，梯度大小只由权重决定。",
        "Backpropagation multiplies by the activation's derivative at every layer. Along a path "
        "through $L$ layers the sigmoid factors multiply to at most $0.25^{L}$ (about "
        "$9.5\\times10^{-7}$ for $L=10$), while active ReLUs contribute a factor of exactly 1 "
        "per layer, so only the weights set the gradient's size.",
    ),
    "saturation_link": (
        "梯度消失专题：逐层梯度实测",
        "Vanishing gradients: the measured layer-by-layer gradients",
    ),
    "saturation_link_soon": (
        "逐层梯度的实测见“梯度消失”专题（页面即将上线）。",
        "The layer-by-layer gradients are measured on the vanishing-gradients page (coming soon).",
    ),
    # -- 3. sparsity ------------------------------------------------------------------------
    "exp_sparsity": ("稀疏性", "Sparsity"),
    "sparsity_intro": (
        "一个 3 个隐藏层（每层 32 个单元）的网络，分别在刚初始化时和训练 40 轮（Adam）之后，统计每一层输出**恰好为 0** 的比例。"
        "下方热图：每一行是一个训练样本（按类别排列），每一列是一个单元，橙色表示该单元对该样本输出非零（“点亮”）。",
        "A network with 3 hidden layers of 32 units, freshly initialised and after 40 epochs of "
        "Adam: the share of outputs that are **exactly 0** in each layer. The heatmap below: "
        "each row is a training sample (grouped by class), each column a unit; orange means the "
        "unit's output is non-zero for that sample (it fires).",
    ),
    "sparsity_act": ("激活函数", "Activation"),
    "sparsity_data": ("数据集", "Data set"),
    "ds_moons": ("双月（moons）", "Moons"),
    "ds_circles": ("同心圆（circles）", "Circles"),
    "ds_xor": ("异或（XOR）", "XOR"),
    "sparsity_title": ("每层输出恰好为 0 的比例", "Share of outputs exactly 0, per layer"),
    "sparsity_y": ("输出恰好为 0 的比例", "share of outputs exactly 0"),
    "stage_init": ("初始化时", "at initialisation"),
    "stage_trained": ("训练后", "after training"),
    "sparsity_layer": ("热图显示的层", "Layer in the heatmap"),
    "sparsity_stage": ("热图显示的阶段", "Stage in the heatmap"),
    "firing_title": (
        "第 {i} 层：哪些单元对哪些样本点亮（{stage}）",
        "Layer {i}: which units fire for which samples ({stage})",
    ),
    "firing_unit": ("单元（按点亮频率排序）", "unit (sorted by how often it fires)"),
    "firing_sample": ("样本", "sample"),
    "firing_on": ("点亮（输出 ≠ 0）", "fires (output ≠ 0)"),
    "firing_off": ("输出恰好为 0", "output exactly 0"),
    "firing_class": ("类别 {cls}", "class {cls}"),
    "sparsity_metrics_zero": ("第 1 层为 0（初始化）", "Layer 1 zeros, init"),
    "sparsity_metrics_active": ("每样本点亮（训练后）", "Firing per sample"),
    "sparsity_metrics_dead": ("死亡单元（训练后）", "Dead units, trained"),
    "sparsity_metrics_zero_help": (
        "刚初始化时，第 1 层所有输出中恰好为 0 的比例。",
        "Share of layer 1's outputs that are exactly 0 at initialisation.",
    ),
    "sparsity_metrics_active_help": (
        "训练后，平均每个样本有多大比例的单元输出非零（三层平均）。",
        "After training: the average share of units with a non-zero output per sample (mean of "
        "the three layers).",
    ),
    "sparsity_metrics_dead_help": (
        "训练后，对所有训练样本输出都恰好为 0 的单元所占比例（三层平均）。",
        "After training: the share of units whose output is exactly 0 on every training sample "
        "(mean of the three layers).",
    ),
    "sparsity_note_relu": (
        "ReLU 把所有负的预激活变成精确的 0，所以刚初始化时大约一半输出为 0；不同样本点亮的是不同的单元子集（热图里每一行的图案不同）。",
        "ReLU turns every negative pre-activation into an exact 0, so about half of the outputs "
        "are 0 at initialisation, and different samples light up different subsets of units "
        "(each row of the heatmap has its own pattern).",
    ),
    "sparsity_note_dense": (
        "{act} 的输出几乎从不恰好为 0，所以没有这种稀疏性：每个单元对每个样本都有输出。",
        "{act} practically never outputs an exact 0, so there is no such sparsity: every unit "
        "responds to every sample.",
    ),
    "sparsity_caveat": (
        "**别把相关当因果。** Xu et al. (2015) 发现负半轴斜率不为 0 的变体（完全不稀疏）一致地比 ReLU 更好，"
        "这说明稀疏性很可能不是 ReLU 好用的原因，正半轴不饱和才是关键。可以在上面切换到 Leaky ReLU 对比。",
        "**Do not mistake correlation for cause.** Xu et al. (2015) found that variants with a "
        "non-zero negative slope, which are not sparse at all, consistently did better than "
        "ReLU: sparsity is probably not why ReLU works; the non-saturating positive side is. "
        "Switch to Leaky ReLU above to compare.",
    ),
    # -- 4. dying ReLU ----------------------------------------------------------------------
    "exp_dying": ("神经元死亡实况", "Dying ReLU"),
    "dying_intro": (
        "同一份数据（双月，400 个点）、同一个随机种子、同样的初始权重，分别用 ReLU、Leaky ReLU、PReLU、RReLU "
        "训练一个 2×32 的网络。优化器是**不带动量、不带权重衰减的普通 SGD**。两种方法制造死亡单元："
        "**大学习率**（一步更新就可能把 $w$、$b$ 甩到对所有输入 $z\\le0$ 的地方），以及**负偏置平移**"
        "（初始化之后把每个隐藏层的偏置都减去一个常数）。",
        "One data set (moons, 400 points), one seed, the same initial weights; a 2×32 network "
        "trained with ReLU, Leaky ReLU, PReLU and RReLU. The optimiser is **plain SGD, no "
        "momentum, no weight decay**. Two ways to provoke dead units: a **large learning rate** "
        "(one oversized step can throw $w$, $b$ where $z\\le0$ for every input) and a "
        "**negative bias shift** (subtract a constant from every hidden bias right after "
        "initialisation).",
    ),
    "dying_question": (
        "按默认设置（偏置下移 1.5），ReLU 第 1 层有一部分单元一开始就对所有输入输出 0。训练 30 轮后，它们会怎样？",
        "With the default settings (biases shifted down by 1.5), some of ReLU's first-layer units "
        "output 0 on every input from the start. What happens to them over 30 epochs?",
    ),
    "dying_opt_most": ("大部分会复活", "Most of them come back"),
    "dying_opt_some": ("少数会复活", "A few come back"),
    "dying_opt_none": ("一个也不会复活", "None of them comes back"),
    "dying_lr": ("学习率（SGD）", "Learning rate (SGD)"),
    "dying_shift": (
        "负偏置平移（隐藏层偏置减去）",
        "Negative bias shift (subtracted from hidden biases)",
    ),
    "dying_alpha": ("Leaky ReLU 的 α", "Leaky ReLU's α"),
    "dying_run": ("训练四个网络", "Train the four networks"),
    "dying_running": (
        "正在训练 ReLU、Leaky ReLU、PReLU、RReLU……",
        "Training ReLU, Leaky ReLU, PReLU, RReLU…",
    ),
    "dying_measure": ("纵轴统计", "Plot"),
    "measure_dead": (
        "死亡单元：对所有训练点输出恰好为 0",
        "Dead units: output exactly 0 on every training point",
    ),
    "measure_inactive": (
        "负区单元：对所有训练点 z ≤ 0",
        "Units with z ≤ 0 on every training point",
    ),
    "measure_help": (
        "对 ReLU 两者相同。对三种变体，z ≤ 0 的单元输出不为 0、仍有梯度（乘以斜率），所以不算死亡，还可能回来。",
        "For ReLU the two coincide. For the variants a unit with z ≤ 0 still outputs non-zero "
        "values and still gets a gradient (times its slope), so it is not dead and can come back.",
    ),
    "dead_title": (
        "每轮的死亡单元比例（实线第 1 层，虚线第 2 层）",
        "Dead units per epoch (solid: layer 1, dashed: layer 2)",
    ),
    "inactive_title": (
        "每轮 z ≤ 0 的单元比例（实线第 1 层，虚线第 2 层）",
        "Units with z ≤ 0 everywhere, per epoch (solid: layer 1, dashed: layer 2)",
    ),
    "fraction": ("比例", "fraction"),
    "variants_zero": (
        "Leaky ReLU、PReLU、RReLU 的线在 0 处重合：它们的负半轴输出不为 0，没有一个单元死掉。",
        "The Leaky ReLU, PReLU and RReLU lines lie on top of each other at 0: their negative side "
        "never outputs 0, so not one of their units is dead.",
    ),
    "acc_title": ("测试准确率", "Test accuracy"),
    "slope_title": ("PReLU 的斜率 a（初值 0.25）", "PReLU's slope a (starts at 0.25)"),
    "slope_y": ("斜率 a", "slope a"),
    "diverged_mark": ("{name} 在第 {epoch} 轮发散", "{name} diverged at epoch {epoch}"),
    "prelu_diverged": (
        "PReLU 这次发散了，它的斜率曲线没有意义。整层共用一个 $a$，它的梯度要对该层所有单元、所有样本求和，"
        "所以在大学习率下最先失控。",
        "PReLU diverged in this run, so its slope curve is meaningless. One $a$ is shared by the "
        "whole layer and its gradient sums over every unit and example, so it is the first to "
        "blow up at a large learning rate.",
    ),
    "dying_table": ("训练结束时", "At the end of training"),
    "col_dead": ("死亡 {layer}", "dead, {layer}"),
    "col_inactive": ("z ≤ 0 {layer}", "z ≤ 0, {layer}"),
    "col_revived": ("复活次数 {layer}", "returns, {layer}"),
    "col_moved": ("最大变化 {layer}", "max move, {layer}"),
    "col_test_acc": ("测试准确率", "test accuracy"),
    "col_diverged": ("发散于第几轮", "diverged at epoch"),
    "dying_table_help": (
        "“复活次数”：某轮结束时 z ≤ 0、下一轮结束时又有输入使 z > 0 的单元数，累计。"
        "“参数最大变化”：在每一轮开始时 z ≤ 0 的单元，这一轮里它的入权重和偏置最多改变了多少（取所有轮的最大值）。",
        "“Returns”: units with z ≤ 0 everywhere at the end of one epoch and active again at the end "
        "of the next, summed over epochs. “Max move”: for units with z ≤ 0 everywhere when an "
        "epoch began, the largest change of their incoming weights and bias during that epoch "
        "(maximum over epochs).",
    ),
    "dying_verdict_dead": (
        "**测量结果：** ReLU 第 1 层曾有 {dead} 个单元（共 {width} 个）对所有输入 $z\\le0$；它们一个也没有复活，"
        "训练期间这些单元的权重和偏置的最大变化是 **{moved:g}**——梯度恰好为 0，SGD 再也动不了它们。"
        "同样设置下三种变体的死亡比例：{variant_dead}。",
        "**Measured:** {dead} of ReLU's {width} first-layer units had $z\\le0$ on every input at "
        "some point; none came back, and the largest change of their weights and biases during "
        "training was **{moved:g}**: their gradient is exactly 0, so SGD can never move them "
        "again. Dead fractions of the variants at the same setting: {variant_dead}.",
    ),
    "dying_verdict_none": (
        "这次 ReLU 第 1 层没有出现死亡单元。调大学习率或负偏置平移再试。",
        "No first-layer ReLU unit died in this run. Raise the learning rate or the bias shift.",
    ),
    "dying_reveal_none": (
        "第 1 层单元的输入就是数据本身，永远不变。一旦对所有输入 $z\\le0$，它的梯度就恰好为 0，"
        "普通 SGD 不会再改变它的 $w$、$b$，所以它永远死了。第 2 层的单元不同：前一层变了，它的输入也跟着变，"
        "偶尔能被“救活”（见表中的复活次数），但不能指望。",
        "A first-layer unit sees the data themselves, which never change. Once $z\\le0$ on every "
        "input its gradient is exactly 0 and plain SGD never changes its $w$, $b$ again: it is "
        "dead for good. Second-layer units are different: their inputs change as the first "
        "layer learns, so now and then one is revived (see the returns in the table), but "
        "nothing guarantees it.",
    ),
    "dying_leaky_note": (
        "α = 0.01 时泄漏很弱：负区单元的梯度只有原来的 1%，虽然不死，但爬回来很慢，准确率曲线可能和 ReLU 几乎重合。"
        "把 α 调到 0.1 或 0.2 对比一下；PReLU 和 RReLU 的斜率在 0.2 左右，所以差别明显。",
        "With α = 0.01 the leak is weak: units with z ≤ 0 get 1% of the gradient, so they are "
        "alive but climb back slowly, and the accuracy curve may sit almost on ReLU's. Try α = "
        "0.1 or 0.2; PReLU and RReLU have slopes around 0.2, which is why they differ clearly.",
    ),
    # -- 5. the variants ----------------------------------------------------------------------
    "exp_variants": ("变体对比", "Variants"),
    "variants_intro": (
        "三种变体都给负半轴一个斜率，区别在于斜率从哪里来：Leaky ReLU 人工指定 $\\alpha$；PReLU 的 $a$ 从 0.25 开始随训练学习"
        "（每层共用一个，不加权重衰减）；RReLU 训练时每个元素随机抽 $r\\sim U(l,u)$，评估时固定为 $(l+u)/2$（PyTorch 的约定）。",
        "All three give the negative side a slope; they differ in where it comes from. Leaky "
        "ReLU's $\\alpha$ is chosen by hand; PReLU's $a$ starts at 0.25 and is learned (one per "
        "layer, no weight decay); RReLU draws $r\\sim U(l,u)$ per element in training and fixes "
        "it at $(l+u)/2$ in eval (PyTorch's convention).",
    ),
    "variants_alpha": ("Leaky ReLU 的 α（人工选定）", "Leaky ReLU's α (chosen by hand)"),
    "variants_bounds": (
        "RReLU 训练时斜率的范围 [l, u]",
        "RReLU's training-time slope range [l, u]",
    ),
    "variants_noise": ("数据噪声", "Data noise"),
    "variants_seeds": ("种子个数", "Number of seeds"),
    "variants_run": ("运行对比", "Run the comparison"),
    "variants_running": (
        "正在训练四种激活函数 × 多个种子……",
        "Training four activations × several seeds…",
    ),
    "functions_title": ("四种函数（z < 0 一侧放大看）", "The four functions (zoomed on z < 0)"),
    "band_label": ("RReLU 训练时的输出范围", "RReLU training-time range"),
    "draw_label": ("RReLU 一次训练前向（随机斜率）", "RReLU, one training pass (random slopes)"),
    "name_leaky": ("Leaky ReLU，α = {alpha:.3g}", "Leaky ReLU, α = {alpha:.3g}"),
    "name_prelu": ("PReLU，学到的 a = {a:.3f}（第 1 层）", "PReLU, learned a = {a:.3f} (layer 1)"),
    "name_rrelu": ("RReLU 评估时，r = {r:.3f}", "RReLU in eval, r = {r:.3f}"),
    "variants_acc_title": (
        "含噪小数据集上的准确率（{seeds} 个种子：均值 ± 标准差）",
        "Accuracy on small noisy data ({seeds} seeds: mean ± std)",
    ),
    "seed_dot": ("单个种子的测试准确率", "test accuracy of one seed"),
    "slopes_title": ("PReLU 的斜率 a 随训练的变化", "PReLU's slope a during training"),
    "seed_label": ("种子 {seed}", "seed {seed}"),
    "init_label": ("初值 0.25", "initial 0.25"),
    "variants_setup": (
        "数据：双月，200 个点，一半用于训练、一半用于测试，噪声 {noise}；网络 2×32，Adam（学习率 0.01），{epochs} 轮，"
        "不加正则化。每个种子同时决定数据和初始权重，四种激活函数在同一个种子下看到的完全相同。",
        "Data: moons, 200 points, half for training and half for testing, noise {noise}; a 2×32 "
        "network, Adam (lr 0.01), {epochs} epochs, no regularisation. Each seed fixes both the "
        "data and the initial weights, so the four activations see exactly the same for one seed.",
    ),
    "col_train": ("训练准确率", "train accuracy"),
    "col_test": ("测试准确率", "test accuracy"),
    "col_test_std": ("测试准确率标准差", "test accuracy std"),
    "col_gap": ("训练 − 测试", "train − test"),
    "variants_verdict": (
        "**测量结果：** RReLU 与 ReLU 的测试准确率之差（逐种子配对）平均为 **{diff:+.1%}**，标准误 {se:.1%}；"
        "与 Leaky ReLU 相比为 {diff_leaky:+.1%}（标准误 {se_leaky:.1%}）。{conclusion}",
        "**Measured:** RReLU's test accuracy minus ReLU's (paired by seed) is **{diff:+.1%}** on "
        "average, standard error {se:.1%}; against Leaky ReLU it is {diff_leaky:+.1%} (standard "
        "error {se_leaky:.1%}). {conclusion}",
    ),
    "verdict_one_seed": (
        "只用了 1 个种子，没有种子间的波动可以比较；至少用 2 个种子才能判断差别是否可信。",
        "With one seed there is no seed-to-seed spread to compare against; use at least 2 seeds "
        "to judge whether a difference is real.",
    ),
    "verdict_clear_better": (
        "这个差别超过两倍标准误，在这个设置下 RReLU 的正则化效果看得出来。",
        "The difference exceeds two standard errors: in this setting RReLU's regularising effect "
        "shows.",
    ),
    "verdict_clear_worse": (
        "RReLU 在这个设置下明显更差（超过两倍标准误），没有看到 Xu et al. 报告的正则化好处。",
        "RReLU is clearly worse in this setting (beyond two standard errors): the regularising "
        "benefit Xu et al. report does not show here.",
    ),
    "verdict_unclear": (
        "差别在两倍标准误以内，也就是说在这个小玩具数据集上，看不出 RReLU 的正则化效果（和种子间的波动分不开）。"
        "Xu et al. (2015) 的结论来自 CIFAR、NDSB 等真实图像数据，这里如实报告测到的结果。",
        "The difference is within two standard errors, i.e. on this small toy set RReLU's "
        "regularising effect cannot be told apart from seed-to-seed noise. Xu et al. (2015) "
        "measured it on real image data (CIFAR, NDSB); this page reports what it measures.",
    ),
    "variants_gap_note": (
        "训练 − 测试之差（过拟合程度）：ReLU {gap_relu:.1%}，Leaky {gap_leaky:.1%}，PReLU {gap_prelu:.1%}，RReLU {gap_rrelu:.1%}。",
        "Train − test gap (how much each overfits): ReLU {gap_relu:.1%}, Leaky {gap_leaky:.1%}, "
        "PReLU {gap_prelu:.1%}, RReLU {gap_rrelu:.1%}.",
    ),
    "variants_slope_note": (
        "PReLU 的 $a$ 从 0.25 出发，训练结束时（种子平均）第 1 层为 {a1:.3f}，第 2 层为 {a2:.3f}。"
        "引擎的 L2 惩罚只作用于 Dense 层的权重，$a$ 不受权重衰减影响（He et al. 2015）。",
        "PReLU's $a$ starts at 0.25 and ends (mean over seeds) at {a1:.3f} in layer 1 and "
        "{a2:.3f} in layer 2. The engine's L2 penalty applies to Dense weights only, so $a$ gets "
        "no weight decay (He et al. 2015).",
    ),
}
