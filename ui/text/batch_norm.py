"""Strings of the batch-norm page (t("batch_norm.<key>")). Strings formatted with keyword
arguments double their literal braces; the others may hold LaTeX as it is."""

TEXT = {
    "title": ("批量归一化（Batch Normalization）", "Batch normalisation"),
    # experiment titles: exactly the names in the content's 🔬 lines
    "exp_batches": ("每批分布", "Per batch"),
    "exp_linear": ("线性区论证", "Linear region"),
    "exp_training": ("有无 BN 的训练", "Training"),
    "exp_modes": ("训练与推理模式", "Train vs eval"),
    # shared controls
    "activation": ("激活函数", "Activation"),
    "layer": ("隐藏层", "Hidden layer"),
    "unit": ("单元（第几个神经元）", "Unit"),
    "lr": ("学习率", "Learning rate"),
    "batch_size": ("批量大小 m", "Batch size m"),
    "run": ("运行", "Run"),
    "running": ("正在训练……", "Training…"),
    "press_run": (
        "设置已改动：点「运行」用新设置训练（下面仍是上一次的结果）。",
        "Settings changed: press Run to train with them (the results below are from the last run).",
    ),
    "never": ("未达到", "never"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "bn_on": ("有 BN", "with BN"),
    "bn_off": ("无 BN", "no BN"),
    "test_acc": ("测试准确率", "test accuracy"),
    "train_loss": ("训练损失", "training loss"),
    # 1. per-batch distributions
    "batches_intro": (
        "一个 3 层 × 16 单元的网络在 moons 数据上用 SGD 训练。下面记录同一组**连续的小批量**"
        "经过所选层、所选单元时的预激活：左边是不带 BN 的网络，中间和右边是带 BN 的同一网络"
        "（同一随机种子、同样的初始权重）在归一化之前和之后。每一批之后都会更新一次权重，"
        "所以批与批之间的差别既来自抽样，也来自权重的变化。",
        "A network of 3 hidden layers × 16 units is trained with SGD on the moons data. We record "
        "the pre-activations of the chosen unit of the chosen layer on the same **consecutive "
        "mini-batches**: on the left the network without BN, in the middle and on the right the "
        "same network with BN (same seed, same initial weights) before and after the "
        "normalisation. The weights are updated after every batch, so batches differ both "
        "because they hold other examples and because the weights moved.",
    ),
    "n_batches": ("连续小批量个数", "Consecutive batches"),
    "warmup": ("先训练几轮", "Epochs trained first"),
    "warmup_help": (
        "记录之前先训练的轮数：0 表示刚初始化时就开始记录。",
        "Epochs of training before recording: 0 records right after initialisation.",
    ),
    "batches_title": (
        "第 {layer} 层第 {unit} 个单元在各小批量上的取值分布",
        "Layer {layer}, unit {unit}: values in each mini-batch",
    ),
    "panel_plain": ("无 BN：预激活 z", "No BN: pre-activation z"),
    "panel_in": ("有 BN：归一化之前", "BN: before normalising"),
    "panel_out": ("有 BN：输出 γx̂+β", "BN: output γx̂+β"),
    "batch_n": ("第 {k} 批", "batch {k}"),
    "preact": ("取值", "value"),
    "count": ("个数", "count"),
    "batches_caption": (
        "右图是 BN 层的输出，也就是激活函数的输入；这个单元当前 γ = {gamma:.3f}、β = {beta:.3f}。"
        "表中 x̂ 列是乘 γ、加 β 之前的归一化值：每一批都是均值 0、标准差 1"
        "（输入本身很集中时因 ε 略小于 1）。",
        "The right panel is the BN output, the input of the activation; this unit currently has "
        "γ = {gamma:.3f}, β = {beta:.3f}. The x̂ columns of the table are the normalised values "
        "before γ and β: mean 0 and std 1 in every batch (a hair below 1 from ε when the input "
        "itself is very narrow).",
    ),
    "spread_plain": ("无 BN：批均值的波动", "No BN: spread of batch means"),
    "spread_hat": ("x̂：批均值的波动", "x̂: spread of batch means"),
    "spread_out": ("BN 输出：批均值的波动", "BN output: spread of batch means"),
    "col_batch": ("批", "batch"),
    "col_plain_mean": ("无 BN 均值", "no BN mean"),
    "col_plain_std": ("无 BN 标准差", "no BN std"),
    "col_in_mean": ("BN 输入均值", "BN input mean"),
    "col_in_std": ("BN 输入标准差", "BN input std"),
    "col_hat_mean": ("x̂ 均值", "x̂ mean"),
    "col_hat_std": ("x̂ 标准差", "x̂ std"),
    "col_out_mean": ("BN 输出均值", "BN output mean"),
    "col_out_std": ("BN 输出标准差", "BN output std"),
    # 2. linear-region argument
    "linear_intro": (
        "一批“原始”预激活 $x \\sim \\mathcal{N}(\\mu, \\sigma^2)$ 先经过训练模式的 BN 层"
        "（本应用的 BatchNorm，$\\epsilon = 10^{-5}$），再送进 sigmoid。绿色带是 sigmoid 与切线 "
        "$0.5 + z/4$ 相差不到 0.02 的区域；落在带里的点（绿色）几乎只经历了一个线性变换。"
        "拖动 $\\gamma$、$\\beta$，看点怎样被推到弯曲的部分。",
        "A batch of “original” pre-activations $x \\sim \\mathcal{N}(\\mu, \\sigma^2)$ goes "
        "through a training-mode BN layer (this app's BatchNorm, $\\epsilon = 10^{-5}$) and then "
        "into a sigmoid. The green band is where the sigmoid differs from its tangent "
        "$0.5 + z/4$ by less than 0.02; points inside it (green) see an almost linear map. Move "
        "$\\gamma$ and $\\beta$ and watch the points reach the curved parts.",
    ),
    "predict_linear_q": (
        "γ = 1、β = 0 时，归一化后的输入有多大比例落在 sigmoid 近似线性的区域里？",
        "With γ = 1 and β = 0, what share of the normalised inputs lands where the sigmoid is "
        "nearly linear?",
    ),
    "predict_linear_p30": ("约 30%", "about 30%"),
    "predict_linear_p50": ("约 50%", "about 50%"),
    "predict_linear_p70": ("约 70%", "about 70%"),
    "predict_linear_p95": ("约 95%", "about 95%"),
    "predict_linear_why": (
        "在当前这批输入上实测为 {frac}：归一化后的值近似服从 N(0, 1)，"
        "而 N(0, 1) 约有 68% 落在 |z| ≤ 1 内，正是 sigmoid 与切线几乎重合的地方。",
        "Measured on this batch: {frac}. The normalised values are close to N(0, 1), and about "
        "68% of N(0, 1) lies in |z| ≤ 1, exactly where the sigmoid hugs its tangent.",
    ),
    "orig_mean": ("原始输入的均值 μ", "Original mean μ"),
    "orig_std": ("原始输入的标准差 σ", "Original std σ"),
    "identity": (
        "取 γ = √(σ²_B+ε)、β = μ_B（恒等映射）",
        "Set γ = √(σ²_B+ε), β = μ_B (the identity)",
    ),
    "linear_title": (
        "sigmoid 上的 BN 输出（γ = {gamma:.3g}，β = {beta:.3g}）",
        "BN outputs on the sigmoid (γ = {gamma:.3g}, β = {beta:.3g})",
    ),
    "lin_sigmoid": ("sigmoid σ(z)", "sigmoid σ(z)"),
    "lin_tangent": ("切线 0.5 + z/4", "tangent 0.5 + z/4"),
    "lin_inside": ("近似线性区内的点", "points in the near-linear band"),
    "lin_outside": ("弯曲区的点", "points in the curved parts"),
    "lin_hist_x": ("原始输入 x 的直方图", "histogram of the original x"),
    "lin_hist_y": ("BN 输出 y 的直方图", "histogram of the BN output y"),
    "lin_count": ("个数", "count"),
    "lin_x_title": ("z（sigmoid 的输入）", "z (input of the sigmoid)"),
    "frac_linear": ("落在近似线性区的比例", "Share in the near-linear band"),
    "frac_linear_help": (
        "|y| ≤ {z:.3f} 的比例：在这个区间里 |σ(z) − (0.5 + z/4)| < {tol:g}。",
        "Share with |y| ≤ {z:.3f}, the interval where |σ(z) − (0.5 + z/4)| < {tol:g}.",
    ),
    "r2": ("直线拟合 σ(y) 的 R²", "R² of a straight line through σ(y)"),
    "r2_help": (
        "用一条直线去拟合这批点 (y, σ(y))：越接近 1，这一层在这批数据上越像线性层。",
        "Fit one straight line to this batch's points (y, σ(y)): the closer to 1, the more "
        "the layer acts linearly on this batch.",
    ),
    "restore_error": ("max |y − x|", "max |y − x|"),
    "restore_help": (
        "BN 输出与原始输入的最大差。这批数据的 μ_B = {mu:.4f}，√(σ²_B+ε) = {sigma:.4f}。",
        "Largest difference between BN output and original input. This batch has "
        "μ_B = {mu:.4f}, √(σ²_B+ε) = {sigma:.4f}.",
    ),
    "identity_note": (
        "γ = √(σ²_B+ε)、β = μ_B 时 BN 把自己的归一化完全撤销：输出与原始输入的最大差只有 "
        "{err:.1e}，即浮点舍入误差。",
        "With γ = √(σ²_B+ε) and β = μ_B, BN undoes its own normalisation: the output differs "
        "from the original input by at most {err:.1e}, floating-point rounding.",
    ),
    "linear_facts": (
        "事实核对：N(0, 1) 有 {mass1} 落在 |z| ≤ 1 内，该区间上 |σ(z) − (0.5 + z/4)| 最大为 "
        "{gap1:.4f}（z = ±1 处）；差值小于 0.02 的区间是 |z| ≤ {z:.3f}，N(0, 1) 在其中占 {mass}。",
        "Facts: {mass1} of N(0, 1) lies in |z| ≤ 1, where |σ(z) − (0.5 + z/4)| is at most "
        "{gap1:.4f} (at z = ±1); the gap stays below 0.02 on |z| ≤ {z:.3f}, which holds {mass} "
        "of N(0, 1).",
    ),
    # 3. training with and without BN
    "training_intro": (
        "同一个网络（moons 数据，每层 32 个单元，普通 SGD，批量 32；ReLU 用 He 初始化，"
        "sigmoid 用 Xavier 初始化），在几个学习率下分别不带 BN 和带 BN 训练。所有运行用同一个"
        "随机种子，初始权重相同，唯一的差别就是 BN 层。实线带 BN，虚线不带 BN；颜色表示学习率。",
        "The same network (moons data, 32 units per layer, plain SGD, batch 32; He "
        "initialisation for ReLU, Xavier for sigmoid) is trained without and with BN at "
        "several learning rates. Every run uses the same seed and the same initial weights; "
        "the only difference is the BN layers. Solid lines have BN, dashed lines do not; the "
        "colour is the learning rate.",
    ),
    "predict_training_q": (
        "在所选的最大学习率下，哪个网络能在规定轮数内达到目标准确率？",
        "At the largest learning rate you compare, which network reaches the target accuracy "
        "within the epochs?",
    ),
    "predict_training_bn_only": ("只有带 BN 的", "only the one with BN"),
    "predict_training_plain_only": ("只有不带 BN 的", "only the one without BN"),
    "predict_training_both": ("两个都能", "both"),
    "predict_training_neither": ("两个都不能", "neither"),
    "predict_training_why": (
        "见上方学习率 {lr:g} 的两条曲线和表格。BN 让损失曲面更平滑（Santurkar et al. 2018），"
        "同样的步长不再把不带 BN 时那样的网络推向发散或停滞。",
        "See the two curves at learning rate {lr:g} and the table above. BN makes the loss "
        "landscape smoother (Santurkar et al. 2018), so a step size that throws the plain "
        "network into divergence or a stall stays usable.",
    ),
    "depth": ("隐藏层数", "Hidden layers"),
    "epochs": ("训练轮数", "Epochs"),
    "lrs": ("要比较的学习率（最多 4 个）", "Learning rates to compare (up to 4)"),
    "lrs_help": (
        "每个学习率训练两次：不带 BN 和带 BN。三个学习率共 6 次训练。",
        "Each learning rate trains twice, without and with BN: six runs for three rates.",
    ),
    "target": ("目标测试准确率", "Target test accuracy"),
    "dropout": ("Dropout 丢弃概率 p", "Dropout (drop probability p)"),
    "log_y": ("损失用对数坐标", "Log-scale loss"),
    "run_label": ("lr={lr:g} · {bn}", "lr={lr:g} · {bn}"),
    "target_line": ("目标", "target"),
    "loss_title": ("训练损失（评估模式）", "Training loss (eval mode)"),
    "acc_title": ("测试准确率与目标", "Test accuracy and the target"),
    "verdict_head": (
        "**带 BN 在 {n} 个学习率中的 {wins} 个上更早达到 {target} 的测试准确率。**",
        "**BN reached {target} test accuracy in fewer epochs at {wins} of {n} learning rates.**",
    ),
    "verdict_honest": (
        "在其余学习率上它没有更快——如实列在下面。",
        "At the others it did not, as listed below.",
    ),
    "faster_yes": (
        "学习率 {lr:g}：带 BN 第 {on} 轮达到，不带 BN：{off}。",
        "lr {lr:g}: with BN at epoch {on}, without BN: {off}.",
    ),
    "faster_no": (
        "学习率 {lr:g}：带 BN：{on}，不带 BN：{off} —— BN 没有更快。",
        "lr {lr:g}: with BN: {on}, without BN: {off} — BN was not faster.",
    ),
    "faster_none": (
        "学习率 {lr:g}：两者都没有在规定轮数内达到目标。",
        "lr {lr:g}: neither reached the target within the epochs.",
    ),
    "largest_off": ("不带 BN 仍能训练的最大学习率", "Largest rate that still trains, no BN"),
    "largest_on": ("带 BN 仍能训练的最大学习率", "Largest rate that still trains, with BN"),
    "col_lr": ("学习率", "learning rate"),
    "col_epochs_to_target": ("达到目标的轮数", "epochs to target"),
    "col_train_acc": ("最终训练准确率", "final train accuracy"),
    "col_test_acc": ("最终测试准确率", "final test accuracy"),
    "col_diverged": ("发散", "diverged"),
    "training_note": (
        "“仍能训练”指没有发散、并在规定轮数内达到目标准确率；只在所选的学习率中比较。"
        "这个实验展示的是更快的训练和更大的可用学习率，它并没有测量“内部协变量偏移”——"
        "Santurkar et al. (2018) 发现 BN 的好处与 ICS 是否减少关系不大，主要来自更平滑的损失曲面。",
        "“Still trains” means no divergence and the target accuracy within the epochs, among "
        "the rates you chose. This experiment shows faster training and larger usable learning "
        "rates; it does not measure “internal covariate shift”. Santurkar et al. (2018) found "
        "BN's benefit has little to do with reducing it and comes mainly from a smoother loss "
        "landscape.",
    ),
    "mix_heading": ("BN 与 Dropout 一起用", "BN and dropout together"),
    "mix_intro": (
        "同一个网络（激活函数、层数、轮数和目标取自上面的设置）在一个学习率下训练四次："
        "什么都不加、只加 BN、只加 Dropout、两者都加。Ioffe & Szegedy (2015) 发现用了 BN "
        "之后可以减少甚至去掉 Dropout。",
        "The same network (activation, depth, epochs and target from the settings above) "
        "trained four times at one learning rate: plain, BN only, dropout only, both. Ioffe & "
        "Szegedy (2015) found they could reduce or drop dropout once BN was in.",
    ),
    "run_mix": ("运行四种组合", "Run the four combinations"),
    "mix_hint": (
        "点按钮训练四种组合（约 1–2 秒）。",
        "Press the button to train the four combinations (about 1–2 s).",
    ),
    "mix_none": ("都不加", "plain"),
    "mix_bn": ("只加 BN", "BN only"),
    "mix_dropout": ("只加 Dropout", "dropout only"),
    "mix_both": ("BN + Dropout", "BN + dropout"),
    "mix_title": (
        "{act}，学习率 {lr:g}，Dropout p = {p:g}：准确率",
        "{act}, learning rate {lr:g}, dropout p = {p:g}: accuracy",
    ),
    "col_setting": ("设置", "setting"),
    "col_gap": ("训练 − 测试", "train − test"),
    "mix_note": (
        "实线是训练准确率，点线是测试准确率（都在评估模式下计算：Dropout 关闭，BN 用滑动统计量）。"
        "Dropout 会让训练变慢；BN 的批统计量噪声本身也有轻微的正则作用。",
        "Solid lines are training accuracy, dotted lines test accuracy (both in eval mode: "
        "dropout off, BN on running statistics). Dropout slows training down; the noise of "
        "BN's batch statistics is a mild regulariser of its own.",
    ),
    # 4. train vs eval mode
    "modes_intro": (
        "训练模式下 BN 用当前小批量的 $\\mu_\\mathcal{B}, \\sigma^2_\\mathcal{B}$ 归一化，"
        "并更新滑动平均 $\\hat\\mu \\leftarrow (1-k)\\hat\\mu + k\\,\\mu_\\mathcal{B}$、"
        "$\\hat\\sigma^2 \\leftarrow (1-k)\\hat\\sigma^2 + k\\,\\frac{m}{m-1}\\sigma^2_\\mathcal{B}$"
        "（PyTorch 默认 $k = 0.1$）；评估模式下只用这两个滑动统计量。",
        "In training mode BN normalises with the current batch's "
        "$\\mu_\\mathcal{B}, \\sigma^2_\\mathcal{B}$ and updates the running averages "
        "$\\hat\\mu \\leftarrow (1-k)\\hat\\mu + k\\,\\mu_\\mathcal{B}$, "
        "$\\hat\\sigma^2 \\leftarrow (1-k)\\hat\\sigma^2 + k\\,\\frac{m}{m-1}\\sigma^2_\\mathcal{B}$ "
        "(PyTorch's default $k = 0.1$); eval mode uses only those running statistics.",
    ),
    "running_heading": ("批量统计量与滑动统计量", "Batch statistics vs running statistics"),
    "momentum": ("滑动平均动量 k", "Running-average momentum k"),
    "momentum_help": (
        "k 越大，滑动统计量跟得越快，但也越抖；k = 1 时就等于最后一批的统计量。",
        "A larger k follows faster but jitters more; k = 1 keeps only the last batch.",
    ),
    "frozen": ("冻结权重（输入分布不再变化）", "Freeze the weights (a stationary input)"),
    "frozen_help": (
        "只做前向传播、不更新权重：第 1 层的输入分布完全固定，滑动统计量按几何级数收敛到总体值。"
        "更深的层在评估模式下还依赖前面各层的滑动统计量，所以它们的总体值也会先变一阵子。",
        "Forward passes only, no weight updates: layer 1's input distribution is fixed and the "
        "running statistics converge geometrically to the population values. Deeper layers "
        "in eval mode also depend on the earlier layers' running statistics, so their "
        "population values settle too.",
    ),
    "trace_title": (
        "第 {layer} 层第 1 个单元的 BN 统计量（3 轮训练）",
        "BN statistics of layer {layer}, unit 1 (3 epochs of training)",
    ),
    "trace_mean": ("均值", "mean"),
    "trace_var": ("方差", "variance"),
    "trace_batch": ("每批的值", "batch value"),
    "trace_running": ("滑动统计量", "running estimate"),
    "trace_population": (
        "总体值（整个训练集，评估模式）",
        "population (whole training set, eval mode)",
    ),
    "step": ("训练步数", "training step"),
    "trace_caption": (
        "第 {steps} 步后：滑动均值 {rm:.3f}，总体均值 {pm:.3f}；滑动方差 {rv:.3f}，总体方差 {pv:.3f}。"
        "每批的值是这一批自己的 μ_B 和（有偏的）σ²_B，也就是训练模式下真正用来归一化的数。"
        "总体值是评估模式下这一层收到的输入；从第 2 层起，它还取决于前面各层的滑动统计量，"
        "所以训练初期它和每批的值可能差得较远。",
        "After {steps} steps: running mean {rm:.3f} vs population {pm:.3f}; running variance "
        "{rv:.3f} vs population {pv:.3f}. The batch values are each batch's own μ_B and (biased) "
        "σ²_B, what training mode actually normalises with. The population is what eval mode "
        "feeds this layer; from layer 2 on it also depends on the earlier layers' running "
        "statistics, so early in training it can sit far from the batch values.",
    ),
    "sweep_heading": ("批量很小时会怎样", "What tiny batches do"),
    "sweep_intro": (
        "每个批量大小训练一个带 BN 的网络（3 层 × 16 单元，Adam，学习率 0.01，6 轮，同一种子）。"
        "然后在测试集上比较两种模式：**训练模式**把测试点分成大小为 m 的批、各用自己的统计量归一化；"
        "**评估模式**用滑动统计量。",
        "One BN network per batch size (3 layers × 16 units, Adam, learning rate 0.01, "
        "6 epochs, same seed). Then on the test set: **train mode** splits the test points "
        "into batches of m, each normalised by its own statistics; **eval mode** uses the "
        "running statistics.",
    ),
    "batch_sizes": ("批量大小", "Batch sizes"),
    "batch_sizes_help": (
        "可以选 1 试试：训练模式下一个样本没有方差，本应用和 PyTorch 一样直接拒绝。",
        "Try 1: a single example has no variance in training mode, and this app refuses it, "
        "as PyTorch does.",
    ),
    "train_mode": ("训练模式（批统计量）", "train mode (batch statistics)"),
    "eval_mode": ("评估模式（滑动统计量）", "eval mode (running statistics)"),
    "sweep_acc_title": ("两种模式的测试准确率", "Test accuracy in the two modes"),
    "sweep_noise_title": ("批统计量的噪声（第 1 层）", "Noise of the batch statistics (layer 1)"),
    "mean_noise": ("μ_B 的波动 / 总体标准差", "spread of μ_B / population std"),
    "std_noise": ("σ_B 的波动 / 总体标准差", "spread of σ_B / population std"),
    "noise": ("相对波动", "relative spread"),
    "col_batch_size": ("批量大小", "batch size"),
    "col_mean_noise": ("μ_B 波动", "spread of μ_B"),
    "col_std_noise": ("σ_B 波动", "spread of σ_B"),
    "col_train_mode": ("训练模式准确率", "train-mode accuracy"),
    "col_eval_mode": ("评估模式准确率", "eval-mode accuracy"),
    "col_mode_gap": ("评估 − 训练", "eval − train"),
    "scatter_size": ("散点图显示的批量大小", "Batch size for the scatter plot"),
    "scatter_title": (
        "m = {m}：每个测试点在两种模式下的 P(类别 1)",
        "m = {m}: each test point's P(class 1) in the two modes",
    ),
    "diagonal": ("两种模式一致", "modes agree"),
    "test_points": ("测试点", "test points"),
    "p_train": ("训练模式 P(类别 1)", "train-mode P(class 1)"),
    "p_eval": ("评估模式 P(类别 1)", "eval-mode P(class 1)"),
    "sweep_note": (
        "批均值的波动约为 1/√m：m = 2 时与总体标准差同一量级。m = 2 时每个特征被归一化成 ±1，"
        "网络学到的是这种“二值化”的输入，换成滑动统计量后看到的分布就不一样了，两种模式给出的概率"
        "明显偏离对角线。批量很小时，可以改用不依赖批量维度的层归一化或组归一化。",
        "The batch mean scatters by about 1/√m: at m = 2 as much as the population std. At m = 2 "
        "every feature is normalised to ±1, so the network learns from such “binarised” inputs "
        "and sees a different distribution once the running statistics take over: the two "
        "modes' probabilities leave the diagonal. For tiny batches, layer norm or group norm, "
        "which do not normalise over the batch, are the usual way out.",
    ),
}
