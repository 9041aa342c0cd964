"""Strings of the Dropout page (masks, conventions, ensemble test, overfitting, underfitting)."""

TEXT = {
    "title": ("Dropout：随机关掉神经元", "Dropout: switching units off at random"),
    "convention_note": (
        "**本页代码的约定：** $p$ 是**丢弃**概率（与 PyTorch 的 nn.Dropout(p) 相同），"
        "$r_j\\sim\\operatorname{Bernoulli}(1-p)$，训练时保留的激活乘以 $1/(1-p)$（倒置 dropout），"
        "测试时 dropout 层什么也不做。Srivastava et al. (2014) 的论文里 $p$ 是**保留**概率，即这里的 $1-p$。",
        "**Convention used in this page's code:** $p$ is the **drop** probability (as in PyTorch's "
        "nn.Dropout(p)), $r_j\\sim\\operatorname{Bernoulli}(1-p)$, kept activations are multiplied "
        "by $1/(1-p)$ in training (inverted dropout), and at test time dropout does nothing. In "
        "Srivastava et al. (2014) $p$ is the **retain** probability, i.e. $1-p$ here.",
    ),
    "p_drop": ("丢弃概率 p", "Drop probability p"),
    "p_drop_help": (
        "每个隐藏单元在一次前向中被丢弃的概率（PyTorch 约定）。论文的保留概率是 1 − p。",
        "Chance that a hidden unit is dropped in one forward pass (PyTorch's convention). The "
        "paper's retain probability is 1 − p.",
    ),
    "seed": ("随机种子", "Random seed"),
    "dataset": ("数据集", "Data set"),
    "ds_moons": ("双月（moons）", "Moons"),
    "ds_circles": ("同心圆（circles）", "Circles"),
    "ds_xor": ("异或（XOR）", "XOR"),
    "run": ("运行", "Run"),
    "settings_changed": (
        "设置已改动：点「运行」用新设置重新计算（下面仍是上一次的结果）。",
        "Settings changed: press Run to recompute (the results below are from the last run).",
    ),
    # -- the mask -------------------------------------------------------------------------
    "exp_mask": ("掩码", "Mask"),
    "mask_intro": (
        "一个小型多层感知机：左边 2 个输入，右边 2 个输出，中间是可以被丢弃的隐藏单元。每抽一次掩码，"
        "每个隐藏单元独立地以概率 $p$ 被丢弃（灰色），与它相连的边也一起失效：这一步它既不向前传值，"
        "也收不到梯度。",
        "A small MLP: 2 inputs on the left, 2 outputs on the right, and the droppable hidden units "
        "in between. Each mask drops every hidden unit independently with probability $p$ (grey); "
        "its connections go with it, so in this step the unit passes nothing forward and receives "
        "no gradient.",
    ),
    "mask_depth": ("隐藏层数", "Hidden layers"),
    "mask_width": ("每层单元数", "Units per layer"),
    "mask_number": ("第几个掩码", "Mask number"),
    "mask_number_help": (
        "同一个随机序列中的第 n 个掩码；拖动或点按钮就是逐个查看新抽到的掩码。",
        "The n-th mask of one fixed random sequence; drag or press the button to step through "
        "freshly drawn masks.",
    ),
    "sample_mask": ("抽一个新掩码", "Sample a new mask"),
    "active_units": ("保留的单元", "Active units"),
    "dropped_now": ("本次丢弃比例", "Dropped in this mask"),
    "dropped_avg": ("前 {n} 个掩码平均丢弃", "Dropped, mean of masks 1–{n}"),
    "dropped_avg_help": (
        "随着掩码个数增加，平均丢弃比例趋向 p。",
        "As more masks are drawn, the mean dropped fraction tends to p.",
    ),
    "subnetworks": ("可能的子网络数 2^N", "Possible thinned networks 2^N"),
    "subnetworks_help": (
        "N 个可丢弃的单元，每个都有“保留 / 丢弃”两种状态，互相独立，所以共有 2^N 种掩码，"
        "也就是 2^N 个共享权重的子网络。",
        "N droppable units, each independently kept or dropped: 2^N possible masks, i.e. 2^N "
        "weight-sharing thinned networks.",
    ),
    "subnetworks_caption": (
        "这个网络有 N = {n} 个可丢弃的隐藏单元，所以有 $2^{{{n}}}$ = {count} 个子网络（包括全部保留和全部丢弃）。"
        "输入和输出单元在这里不做 dropout，与引擎的 build_mlp 一致。",
        "This network has N = {n} droppable hidden units, hence $2^{{{n}}}$ = {count} thinned "
        "networks (counting the full one and the empty one). Inputs and outputs are not dropped "
        "here, as in the engine's build_mlp.",
    ),
    "layer_empty": (
        "这个掩码把第 {layers} 层隐藏单元全部丢掉了：信号过不去，这个子网络的输出与输入无关（只剩偏置）。"
        "p 越大、层越窄，这种情况越常见。",
        "This mask drops every unit of hidden layer {layers}: no signal gets through, so this "
        "thinned network's output no longer depends on the input (only biases remain). The larger "
        "p and the narrower the layer, the more often this happens.",
    ),
    "diagram_title": ("第 {n} 个掩码下的子网络", "Thinned network of mask {n}"),
    "layer_input": ("输入", "input"),
    "layer_hidden": ("隐藏层 {i}", "hidden {i}"),
    "layer_output": ("输出", "output"),
    "node_kept": ("保留的单元", "kept unit"),
    "node_dropped": ("丢弃的单元", "dropped unit"),
    "node_fixed": ("输入 / 输出单元", "input / output unit"),
    "edge_active": ("有效连接", "active connection"),
    "edge_dropped": ("失效连接", "dropped connection"),
    "node_hover": (
        "{layer}，单元 {unit}<br>本次：{state}<br>前 {n} 个掩码中被丢弃 {dropped} 次（{rate:.0%}）",
        "{layer}, unit {unit}<br>now: {state}<br>dropped in {dropped} of masks 1–{n} ({rate:.0%})",
    ),
    "state_kept": ("保留", "kept"),
    "state_dropped": ("丢弃", "dropped"),
    "diagram_x": ("层", "layer"),
    "diagram_y": ("单元", "unit"),
    # -- the two conventions --------------------------------------------------------------
    "exp_conventions": ("两种约定", "Conventions"),
    "conv_intro": (
        "同一件事的两种写法，区别只在缩放因子放在哪里（这里 $p$ 是丢弃概率，$1-p$ 是保留概率）：\n\n"
        "两者的掩码都是 $r\\sim\\operatorname{Bernoulli}(1-p)$。\n\n"
        "| 约定 | 训练时 | 测试时 |\n|---|---|---|\n"
        "| 论文（Srivastava et al. 2014；论文的 $p$ 即这里的 $1-p$） | $r\\,a$，不缩放 | 出边权重 $\\times(1-p)$ |\n"
        "| 倒置 dropout（PyTorch，本应用） | $r\\,a/(1-p)$ | 恒等映射 |\n\n"
        "下面的检验：下一层的一个单元 $y=w\\cdot a$ 接收 16 个激活。对很多个掩码取训练输出的平均，再和测试时的输出比较。",
        "Two ways of writing the same thing; they differ only in where the scale factor sits "
        "(here $p$ is the drop probability and $1-p$ the retain probability):\n\n"
        "Both draw the mask $r\\sim\\operatorname{Bernoulli}(1-p)$.\n\n"
        "| convention | training | test |\n|---|---|---|\n"
        "| paper (Srivastava et al. 2014; the paper's $p$ is $1-p$ here) | $r\\,a$, no scaling | outgoing weights $\\times(1-p)$ |\n"
        "| inverted dropout (PyTorch, this app) | $r\\,a/(1-p)$ | identity |\n\n"
        "The check below: one unit of the next layer, $y=w\\cdot a$, receives 16 activations. "
        "Average its training-time output over many masks and compare with its test-time output.",
    ),
    "conv_question": (
        "倒置 dropout，$p=0.5$：对大量掩码取平均后，训练时的输出与测试时（不丢弃）的输出相比是多少？",
        "Inverted dropout with $p=0.5$: averaged over many masks, how does the training-time "
        "output compare with the test-time (nothing dropped) output?",
    ),
    "conv_opt_half": ("只有一半", "half of it"),
    "conv_opt_equal": ("相等", "equal to it"),
    "conv_opt_double": ("两倍", "twice it"),
    "conv_explain": (
        "在 $p=0.5$ 时实测：平均训练输出 / 测试输出 = {ratio:.4f}（{n_masks:,} 个掩码）。"
        "保留的激活已经在训练时乘了 $1/(1-p)=2$，被丢弃的一半贡献 0，期望正好抵消，所以测试时什么都不用做。"
        "论文约定不做训练时的缩放，平均只有完整输出的 {paper_ratio:.3f} 倍，测试时要把权重乘以保留概率才能对上。",
        "Measured at $p=0.5$: mean training output / test output = {ratio:.4f} ({n_masks:,} "
        "masks). Kept activations were already multiplied by $1/(1-p)=2$ in training and the "
        "dropped half contributes 0, so the expectation matches and test time needs nothing. The "
        "paper's convention does not scale in training: its mean is {paper_ratio:.3f} × the full "
        "output, so at test the weights are multiplied by the retain probability instead.",
    ),
    "n_masks": ("掩码个数", "Number of masks"),
    "conv_paper_title": ("论文约定", "Paper convention"),
    "conv_inverted_title": ("倒置 dropout（本应用）", "Inverted (this app)"),
    "conv_train_mean": ("训练输出的平均（{n} 个掩码）", "mean training output ({n} masks)"),
    "conv_test": ("测试时的输出", "test-time output"),
    "conv_unscaled": ("不缩放的完整输出（错误）", "unscaled full output (wrong)"),
    "conv_y": ("下一层单元的输出 y", "output y of the next unit"),
    "conv_title": (
        "多次加掩码的平均 vs 测试时的输出",
        "Mean of masked outputs vs test-time output",
    ),
    "col_convention": ("约定", "convention"),
    "col_train_mean": ("训练输出平均", "mean training output"),
    "col_test": ("测试输出", "test output"),
    "col_rel_error": ("相对误差", "relative error"),
    "row_paper": ("论文", "paper"),
    "row_inverted": ("倒置（本应用）", "inverted (this app)"),
    "conv_same_masks": (
        "两种约定用的是同一批掩码，所以相对误差相同：它们只差一个常数因子。误差约按 $1/\\sqrt{M}$ 缩小（$M$ 为掩码个数）。",
        "Both conventions use the same masks, so their relative errors are equal: they differ by "
        "a constant factor only. The error shrinks roughly like $1/\\sqrt{M}$ for $M$ masks.",
    ),
    # -- ensemble or not? -------------------------------------------------------------------
    "exp_ensemble": ("是集成吗？", "Ensemble"),
    "ens_intro": (
        "先训练一个带 dropout 的网络（两层隐藏层，ReLU，Adam，无批量归一化），再在 1000 个测试点上比较三种预测："
        "**权重缩放**（评估模式的一次前向，倒置 dropout 下就是论文的权重缩放规则）、"
        "**蒙特卡洛平均**（抽 $k$ 个子网络，各自前向一次，对概率取平均，$k=1\\ldots100$）、"
        "**单个子网络**（灰点：第 $k$ 个子网络单独的成绩）。每个子网络对所有测试点使用同一个掩码。",
        "Train a network with dropout (two hidden layers, ReLU, Adam, no batch norm), then compare "
        "three predictors on 1000 test points: **weight scaling** (one eval-mode pass; with inverted "
        "dropout this is the paper's weight-scaling rule), **Monte-Carlo averaging** (sample $k$ "
        "thinned networks, run each once, average the probabilities, $k=1\\ldots100$) and "
        "**single thinned networks** (grey dots: the $k$-th network on its own). Each thinned "
        "network uses one mask for all test points.",
    ),
    "ens_width": ("每层宽度", "Width per layer"),
    "ens_question": (
        "蒙特卡洛平均至少要平均多少个子网络，它的准确率才能追上（并保持在）权重缩放的水平？",
        "How many thinned networks must the Monte-Carlo average include before its accuracy "
        "catches up with weight scaling and stays there?",
    ),
    "ens_opt_10": ("1–10 个", "1–10"),
    "ens_opt_50": ("11–50 个", "11–50"),
    "ens_opt_100": ("51–100 个", "51–100"),
    "ens_opt_never": ("100 个以内追不上", "not within 100"),
    "ens_explain": (
        "本次实测：准确率从 $k={k_acc}$ 起保持在权重缩放（{eval_acc:.1%}）下方 0.5 个百分点以内；"
        "对数损失从 $k={k_loss}$ 起保持在权重缩放的 1% 以内。Srivastava et al. (2014, §7.5) 在 MNIST 上需要约 50 个样本。"
        "这个二维小问题上需要的更少，但单个子网络明显更差：一次前向的权重缩放是对整个集成很好的近似，代价却只有 $1/k$。",
        "Measured here: from $k={k_acc}$ on, the accuracy stays within half a percentage point "
        "below weight scaling ({eval_acc:.1%}); from $k={k_loss}$ on, the log-loss stays within "
        "1% of it. Srivastava et al. (2014, §7.5) needed about 50 samples on MNIST. This small 2-D "
        "problem needs fewer, yet single thinned networks are clearly worse: one weight-scaled "
        "pass approximates the whole ensemble well at $1/k$ of the cost.",
    ),
    "never": ("（100 以内未达到）", "(not within 100)"),
    "ens_progress": ("训练并抽取 100 个子网络……", "Training, then sampling 100 thinned networks…"),
    "ens_acc_title": ("测试准确率与 k", "Test accuracy vs k"),
    "ens_loss_title": ("测试对数损失与 k", "Test log-loss vs k"),
    "ens_gap_title": (
        "蒙特卡洛平均与权重缩放的概率差",
        "How far the Monte-Carlo probabilities are from weight scaling",
    ),
    "ens_gap_y": ("平均 |P̂ₖ − P_权重缩放|", "mean |P̂ₖ − P_weight scaling|"),
    "ens_k": ("k（平均的子网络个数）", "k (thinned networks averaged)"),
    "ens_log_loss": ("对数损失", "log-loss"),
    "ens_mc": ("蒙特卡洛平均（前 k 个）", "Monte-Carlo average of the first k"),
    "ens_ws": ("权重缩放（评估模式）", "weight scaling (eval mode)"),
    "ens_single": ("单个子网络（第 k 个）", "single thinned network (the k-th)"),
    "ens_paper_k": ("论文：约 50", "paper: ≈ 50"),
    "col_predictor": ("预测方式", "predictor"),
    "ens_mc_100": ("蒙特卡洛平均，k = {k}", "Monte-Carlo average, k = {k}"),
    "ens_single_mean": ("单个子网络（均值 ± 标准差）", "single thinned network (mean ± sd)"),
    "m_k_match_help": (
        "准确率：从这个 k 起，蒙特卡洛平均的准确率一直不低于权重缩放减 0.5 个百分点；"
        "损失：从这个 k 起，对数损失一直不高于权重缩放的 1.01 倍。",
        "Accuracy: from this k on, the Monte-Carlo accuracy never falls more than half a point "
        "below weight scaling. Loss: from this k on, its log-loss stays within 1.01 × that of "
        "weight scaling.",
    ),
    "m_k_match": ("追上所需的 k（准确率 / 损失）", "k to catch up (acc. / loss)"),
    "ens_count": (
        "这个网络有 N = {n} 个可丢弃单元，即约 ${mantissa:.2f}\\times10^{{{exponent}}}$ 个子网络；"
        "这里只抽了其中 100 个。概率差曲线最后停在一个平台上而不是 0：$k\\to\\infty$ 时蒙特卡洛平均趋向子网络的算术平均，"
        "而权重缩放只是它的近似（对单层 softmax 它等于归一化几何平均）。",
        "This network has N = {n} droppable units, about ${mantissa:.2f}\\times10^{{{exponent}}}$ "
        "thinned networks, of which 100 are sampled here. The gap curve levels off above 0: as "
        "$k\\to\\infty$ the Monte-Carlo average tends to the arithmetic mean of the thinned "
        "networks, which weight scaling only approximates (for a single softmax layer it equals "
        "the normalised geometric mean).",
    ),
    # -- dropout against overfitting ------------------------------------------------------------
    "exp_overfit": ("Dropout 对抗过拟合", "Overfitting"),
    "over_intro": (
        "只有 50 个训练点、噪声很大的数据，网络却有两层、每层 64 个单元，训练 200 轮：不用 dropout 时它把噪声也背下来了。"
        "两次训练用同一个种子（同样的初始权重和批次顺序），唯一的区别是 $p$。",
        "Only 50 noisy training points, but a network with two layers of 64 units trained for 200 "
        "epochs: without dropout it memorises the noise. Both runs use the same seed (same "
        "initial weights and batch order); the only difference is $p$.",
    ),
    "over_metric": ("曲线显示", "Curves show"),
    "over_loss": ("损失", "loss"),
    "over_acc": ("准确率", "accuracy"),
    "over_progress": ("训练两个网络……", "Training both networks…"),
    "no_dropout": ("无 dropout", "no dropout"),
    "with_dropout": ("p = {p:.1f}", "p = {p:.1f}"),
    "over_curves_title": ("训练（实线）与测试（虚线）", "Train (solid) and test (dashed)"),
    "over_boundary": ("决策边界：{label}", "Decision boundary: {label}"),
    "over_p_zero": (
        "p = 0 时两次训练完全相同：没有任何单元被丢弃。",
        "With p = 0 both runs are identical: no unit is ever dropped.",
    ),
    "m_gap": ("{label}：泛化差距", "{label}: generalisation gap"),
    "m_gap_help": (
        "最后一轮的训练准确率减去测试准确率。",
        "Training accuracy minus test accuracy at the last epoch.",
    ),
    "m_test_loss": ("{label}：最终测试损失", "{label}: final test loss"),
    # -- where dropout hurts --------------------------------------------------------------------
    "exp_hurts": ("Dropout 何时有害", "When it hurts"),
    "hurts_intro": (
        "一个不太会过拟合的问题（双月，噪声小，150 个训练点，训练 40 轮）。对每个 $p$ 各训练一次，比较一个窄网络和一个宽网络（64 个单元）"
        "最后的训练 / 测试准确率。找一找：窄到多少、$p$ 大到多少时，训练准确率和测试准确率会一起掉下去？",
        "A problem with little overfitting to fight (moons, low noise, 150 training points, 40 epochs). Train "
        "once for every $p$ and compare a narrow network with a wide one (64 units): final train "
        "and test accuracy. Find out how narrow, and how large a $p$, it takes for training and "
        "test accuracy to fall together.",
    ),
    "hurts_width": ("窄网络的宽度", "Width of the narrow network"),
    "hurts_wide": ("同时训练宽网络（64）", "Also train a wide network (64)"),
    "hurts_fine": ("细网格（步长 0.1）", "Fine grid (step 0.1)"),
    "hurts_progress": ("按不同 p 训练……", "Training for each p…"),
    "hurts_title": ("最终准确率与丢弃概率 p", "Final accuracy vs drop probability p"),
    "hurts_series": ("宽 {w} · {split}", "width {w} · {split}"),
    "hurts_onset": (
        "欠拟合：宽 {w} 的网络在 p = {p:.1f} 时训练准确率只有 {acc:.1%}，比 p = 0 时的 {base:.1%} 低了 5 个百分点以上。",
        "Underfitting: the width-{w} network reaches only {acc:.1%} training accuracy at p = "
        "{p:.1f}, more than 5 points below its {base:.1%} at p = 0.",
    ),
    "hurts_none": (
        "在这个 p 范围内，训练准确率没有比 p = 0 时低 5 个百分点以上：网络还有余量。试试更窄的网络。",
        "Over this range of p, training accuracy never falls more than 5 points below p = 0: the "
        "network has capacity to spare. Try a narrower one.",
    ),
    "hurts_rule": (
        "论文的经验法则（§7.3）：如果 $n$ 个单元在不用 dropout 时刚好合适，用保留概率 $q=1-p$ 时应把宽度加到约 $n/q$。"
        "窄网络没有可以分摊的冗余，$p$ 稍大就欠拟合；宽网络要到很大的 $p$ 才明显变差。",
        "The paper's rule of thumb (§7.3): if $n$ units are right without dropout, use about $n/q$ "
        "with retain probability $q=1-p$. A narrow network has no redundancy to spread the noise "
        "over and underfits at moderate $p$; a wide one only degrades at large $p$.",
    ),
    "col_width": ("宽度", "width"),
    "col_p": ("p", "p"),
    "col_train_acc": ("训练准确率", "train accuracy"),
    "col_test_acc": ("测试准确率", "test accuracy"),
    "col_train_loss": ("训练损失", "train loss"),
    "col_diverged": ("发散", "diverged"),
}
