"""Strings of the playground page (TensorFlow Playground's lab plus dropout, BN, diagnostics)."""

TEXT = {
    "title": ("神经网络游乐场", "Neural-network playground"),
    "intro": (
        "在浏览器里实时训练一个小型神经网络：选数据、选输入特征、搭网络、调学习率，然后按播放。"
        "除了 TensorFlow Playground 的全部功能，这里还有 dropout、批量归一化、优化器选择，以及解释"
        "训练“为什么失败”的诊断：逐层梯度范数、死亡单元比例、BN 的滑动统计量和 PReLU 的斜率。"
        "训练最小化的是 $\\mathcal{L}=\\text{数据损失}+\\lambda_1\\sum|w|+\\tfrac{\\lambda_2}{2}\\sum w^2$。",
        "Train a small neural network live: pick the data, the input features, the layers and the "
        "learning rate, then press play. Everything TensorFlow Playground does is here, plus dropout, "
        "batch norm, a choice of optimiser and the diagnostics that explain *why* a run fails: "
        "per-layer gradient norms, dead units, BN running statistics and PReLU slopes. Training "
        "minimises $\\mathcal{L}=\\text{data loss}+\\lambda_1\\sum|w|+\\tfrac{\\lambda_2}{2}\\sum w^2$.",
    ),
    # -- presets
    "presets": ("课程预设（一键载入）", "Lesson presets (one click)"),
    "preset_sigmoid-deep": ("六层 sigmoid 学不动", "Sigmoid, 6 layers: won't learn"),
    "preset_relu-dies": ("学习率 3 让 ReLU 死亡", "ReLU dies at lr 3"),
    "preset_dropout-tiny": ("小数据集上的 dropout", "Dropout on a tiny set"),
    "preset_bn-high-lr": ("BN 挽救高学习率", "BN rescues a high learning rate"),
    "lesson_sigmoid-deep": (
        "**看什么：** 按播放，训练约 {epochs} 轮。损失一直停在 $\\ln 2\\approx0.693$ 附近，输出图几乎"
        "不变。在下面的诊断里选“梯度范数”：从输出层往输入层，梯度一层比一层小，第一层比最后一层小三个"
        "数量级以上——sigmoid 的导数最大只有 0.25，六层连乘就消失了。\n\n"
        "**再试试：** 把激活函数换成 ReLU（会重建训练），同样的网络几十轮就学会了圆。",
        "**Watch:** press play for about {epochs} epochs. The loss sits at $\\ln 2\\approx0.693$ and "
        "the output barely changes. Pick “gradient norm” in the diagnostics below: from the output "
        "back to the input every layer gets a smaller gradient, and the first layer's is more than "
        "three orders of magnitude below the last one's. Sigmoid's derivative is at most 0.25, and "
        "six such factors make the gradient vanish.\n\n"
        "**Then try:** switch the activation to ReLU (this rebuilds the run): the same network "
        "learns the circle within a few dozen epochs.",
    ),
    "lesson_relu-dies": (
        "**看什么：** 按播放，训练约 {epochs} 轮。学习率 3 的头几步就把很多 ReLU 单元的输入推到了"
        "所有样本都小于 0 的区域：诊断表里的“死亡比例”猛增，最后一层全部死亡，这些单元的梯度"
        "恒为 0，再也回不来；网络图里它们的小热图是一片空白，损失停在 $\\ln 2$。\n\n"
        "**再试试：** 把学习率降到 0.03（权重保留）——已经死掉的单元不会复活；按“重置”从头训练，"
        "这次单元都活着，网络很快学会。也可以换成 Leaky ReLU 再用学习率 3 试一次。",
        "**Watch:** press play for about {epochs} epochs. The first steps at learning rate 3 push "
        "many ReLU units to a negative input on every example: the dead fraction in the diagnostics "
        "table jumps and the top layer dies completely. Those units get zero "
        "gradient and never come back; their small heatmaps in the diagram go blank and the loss "
        "stays at $\\ln 2$.\n\n"
        "**Then try:** lower the learning rate to 0.03 (the weights are kept): the dead units stay "
        "dead. Press Reset to start over at 0.03 and the units survive and the network learns. Or "
        "try Leaky ReLU at learning rate 3.",
    ),
    "lesson_dropout-tiny": (
        "**看什么：** 只有 50 个带噪声的训练点，却用了两层各 32 个单元的网络，dropout $p=0.5$。"
        "训练约 {epochs} 轮：训练损失和测试损失之间的差距不大，测试损失保持在 1 以下。\n\n"
        "**再试试：** 把 dropout 调到 0（不重置权重，从下一轮起生效）或按“重置”后以 $p=0$ 重新训练："
        "训练损失降到接近 0，测试损失却爬到 1.5 以上——网络在背噪声。注意两种情况下测试准确率差不多："
        "50 个点的信息就这么多，dropout 防止的是过度自信的记忆，而不是凭空变出数据。",
        "**Watch:** only 50 noisy training points, a network of two 32-unit layers, dropout "
        "$p=0.5$. Train for about {epochs} epochs: the gap between training and test loss stays "
        "small and the test loss stays below 1.\n\n"
        "**Then try:** set dropout to 0 (the weights are kept; it acts from the next epoch), or press "
        "Reset and train again with $p=0$: the training loss falls to almost 0 while the test loss "
        "climbs past 1.5, because the network memorises the noise. The test accuracy is about the "
        "same either way: 50 points hold only so much information, and dropout prevents "
        "over-confident memorising rather than inventing data.",
    ),
    "lesson_bn-high-lr": (
        "**看什么：** 四层 ReLU、普通 SGD、学习率 1，打开了批量归一化。训练约 {epochs} 轮，网络学会了圆；"
        "诊断里可以看 BN 的滑动均值和方差怎样稳定下来。\n\n"
        "**再试试：** 关掉批量归一化（会重建训练）再播放：同样的学习率下，最后一层的单元很快全部死亡，"
        "损失停在 $\\ln 2$。BN 让损失曲面更平滑，大学习率因此变得安全（Santurkar 等，2018）。",
        "**Watch:** four ReLU layers, plain SGD, learning rate 1, batch norm on. Train for about "
        "{epochs} epochs and the network learns the circle; in the diagnostics, watch BN's running "
        "mean and variance settle.\n\n"
        "**Then try:** turn batch norm off (this rebuilds the run) and press play: at the same "
        "learning rate the top layer's units soon all die and the loss stays at $\\ln 2$. BN makes "
        "the loss landscape smoother, which is what makes a large learning rate safe (Santurkar et "
        "al. 2018).",
    ),
    "lesson_close": ("收起说明", "Hide the lesson"),
    # -- run controls
    "play": ("播放", "Play"),
    "pause": ("暂停", "Pause"),
    "step": ("单步", "Step"),
    "step_help": ("训练一轮（一个 epoch）。", "Train one epoch."),
    "fast_forward": ("+{n} 轮", "+{n} epochs"),
    "fast_forward_help": ("一次训练 {n} 轮后再画图。", "Train {n} epochs, then redraw."),
    "reset": ("重置", "Reset"),
    "reset_help": (
        "用同一个随机种子重新初始化权重，从第 0 轮开始。",
        "Re-initialise the weights with the same seed and start again at epoch 0.",
    ),
    "regenerate": ("新数据", "New data"),
    "regenerate_help": (
        "换一个随机种子：重新生成数据和初始权重。",
        "Pick a new seed: new data and new initial weights.",
    ),
    "speed": ("速度（每秒轮数）", "Speed (epochs per second)"),
    "speed_help": (
        "播放时每秒训练这么多轮，与画面刷新快慢无关（刷新慢时每次画面跳过更多轮）；网络很大时会自动放慢。",
        "While playing, train this many epochs per second of wall time, however fast the picture "
        "redraws (a slow redraw just skips more epochs at once); big networks slow it down.",
    ),
    # -- settings
    "data": ("数据", "Data"),
    "features": ("输入特征", "Features"),
    "network": ("网络", "Network"),
    "training": ("训练", "Training"),
    "problem": ("问题类型", "Problem type"),
    "problem_classification": ("分类", "Classification"),
    "problem_regression": ("回归", "Regression"),
    "dataset": ("数据集", "Data set"),
    "ds_circle": ("圆环", "Circle"),
    "ds_xor": ("异或（XOR）", "Exclusive or (XOR)"),
    "ds_gauss": ("两团高斯", "Two Gaussians"),
    "ds_spiral": ("双螺旋", "Spiral"),
    "ds_moons": ("双月牙", "Moons"),
    "ds_plane": ("平面", "Plane"),
    "ds_reg_gauss": ("多个高斯峰", "Multi-Gaussian"),
    "noise": ("噪声", "Noise"),
    "noise_help": (
        "加到数据上的高斯噪声的标准差（以数据自身的尺度计）。",
        "Standard deviation of the Gaussian noise added to the data (in the data's own scale).",
    ),
    "ratio": ("训练数据比例（%）", "Ratio of training data (%)"),
    "ratio_help": (
        "500 个点里用于训练的百分比，其余作为测试集。",
        "Percentage of the 500 points used for training; the rest is the test set.",
    ),
    "batch": ("批大小", "Batch size"),
    "seed": ("随机种子", "Seed"),
    "seed_help": (
        "决定数据和初始权重；同一种子、同样设置得到完全相同的训练。",
        "Decides the data and the initial weights: same seed and settings, identical run.",
    ),
    "feat_x1": ("$x_1$", "$x_1$"),
    "feat_x2": ("$x_2$", "$x_2$"),
    "feat_x1sq": ("$x_1^2$", "$x_1^2$"),
    "feat_x2sq": ("$x_2^2$", "$x_2^2$"),
    "feat_x1x2": ("$x_1x_2$", "$x_1x_2$"),
    "feat_sinx1": ("$\\sin x_1$", "$\\sin x_1$"),
    "feat_sinx2": ("$\\sin x_2$", "$\\sin x_2$"),
    "features_help": (
        "每个特征在训练集上标准化（减均值、除以标准差）后送入网络。",
        "Each feature is standardised with the training set's mean and standard deviation.",
    ),
    "layers": ("隐藏层数", "Hidden layers"),
    "width": ("第 {i} 层单元数", "Units in layer {i}"),
    "advanced": ("高级（每层 ≤ 64）", "Advanced (≤ 64 units)"),
    "advanced_help": (
        "TensorFlow Playground 每层最多 8 个；打开后最多 64 个（网络图只画出每层前 8 个）。",
        "TensorFlow Playground allows 8; this allows up to 64 (the diagram draws the first 8 of "
        "each layer).",
    ),
    "activation": ("激活函数", "Activation"),
    "lr": ("学习率", "Learning rate"),
    "reg": ("正则化", "Regularisation"),
    "reg_none": ("无", "None"),
    "reg_l1": ("L1", "L1"),
    "reg_l2": ("L2", "L2"),
    "rate": ("正则化强度 λ", "Regularisation rate λ"),
    "dropout": ("Dropout 概率 p", "Dropout p"),
    "dropout_help": (
        "p 为丢弃概率（PyTorch 约定，反向缩放 1/(1−p)），作用在每个隐藏层的激活之后。",
        "p is the drop probability (PyTorch's convention, inverted scaling by 1/(1−p)), after "
        "every hidden activation.",
    ),
    "bn": ("批量归一化", "Batch norm"),
    "bn_help": (
        "在每个隐藏层的激活之前做批量归一化（动量 0.1，ε = 1e-5）。",
        "Batch normalisation before every hidden activation (momentum 0.1, ε = 1e-5).",
    ),
    "opt": ("优化器", "Optimiser"),
    "opt_sgd": ("SGD", "SGD"),
    "opt_momentum": ("动量 SGD（0.9）", "SGD with momentum (0.9)"),
    "opt_adam": ("Adam", "Adam"),
    "show_test": ("显示测试数据", "Show test data"),
    "discretize": ("离散化输出", "Discretise output"),
    "live_note": (
        "学习率、正则化、dropout、优化器和批大小的改动在下一轮生效，**不重置权重**；"
        "改数据、特征、网络结构、激活函数、批量归一化或种子会**重建**训练。",
        "Changes to the learning rate, regularisation, dropout, optimiser and batch size act from "
        "the next epoch **without resetting the weights**; changing the data, features, "
        "architecture, activation, batch norm or seed **rebuilds** the run.",
    ),
    # -- field names (messages and chart markers)
    "field_problem": ("问题类型", "problem type"),
    "field_dataset": ("数据集", "data set"),
    "field_noise": ("噪声", "noise"),
    "field_ratio": ("训练比例", "training ratio"),
    "field_batch": ("批大小", "batch size"),
    "field_seed": ("种子", "seed"),
    "field_features": ("输入特征", "features"),
    "field_layers": ("网络结构", "layers"),
    "field_act": ("激活函数", "activation"),
    "field_lr": ("学习率", "learning rate"),
    "field_reg": ("正则化", "regularisation"),
    "field_rate": ("正则化强度", "regularisation rate"),
    "field_dropout": ("dropout", "dropout"),
    "field_bn": ("批量归一化", "batch norm"),
    "field_opt": ("优化器", "optimiser"),
    "field_test": ("显示测试数据", "show test data"),
    "field_discrete": ("离散化", "discretise"),
    "field_preset": ("预设", "preset"),
    # -- messages
    "url_rejected": (
        "网址参数 `{param}={value}`（{field}）无效，允许的值：{allowed}。已改用默认值 `{used}`。",
        "URL parameter `{param}={value}` ({field}) is invalid; allowed: {allowed}. Using the "
        "default `{used}`.",
    ),
    "url_adjusted": (
        "网址参数 `{param}={value}`（{field}）已调整为 `{used}`（{allowed}）。",
        "URL parameter `{param}={value}` ({field}) was adjusted to `{used}` ({allowed}).",
    ),
    "url_unknown_preset": (
        "没有名为 `{value}` 的预设（可选：{allowed}），已忽略。",
        "There is no preset `{value}` (choose from: {allowed}); ignored.",
    ),
    "fix_adjusted": (
        "设置“{field}”改用 `{used}`（{allowed}）。",
        "Setting “{field}” uses `{used}` instead ({allowed}).",
    ),
    "preset_loaded": ("已载入预设“{name}”。", "Loaded the preset “{name}”."),
    "rebuilt": (
        "训练已重建：{fields} 改变了数据或网络，从第 0 轮重新开始。",
        "The run was rebuilt: {fields} changed the data or the network, so it starts again at "
        "epoch 0.",
    ),
    "updated": (
        "第 {epoch} 轮之后改动：{changes}。权重保留，从下一轮起生效；损失曲线上有标记。",
        "Changed after epoch {epoch}: {changes}. The weights are kept; it acts from the next "
        "epoch and is marked on the loss chart.",
    ),
    "diverged_advice": (
        "训练已停止，画面变灰。这通常是学习率太大：把学习率降到 {lr} 左右，然后按“重置”。",
        "Training stopped and the pictures are greyed out. The usual cause is too large a "
        "learning rate: lower it to about {lr}, then press Reset.",
    ),
    "diverged_label": ("已发散", "diverged"),
    "at_limit": (
        "已达到 {n} 轮的上限，播放已停止。按“重置”重新开始。",
        "Reached the cap of {n} epochs; playing stopped. Press Reset to start again.",
    ),
    "bad_state": (
        "这些设置无法训练，上一次的训练保持不变。",
        "These settings cannot be trained; the previous run is kept.",
    ),
    # -- live view
    "epoch": ("轮次", "Epoch"),
    "train_loss": ("训练损失", "Training loss"),
    "test_loss": ("测试损失", "Test loss"),
    "train_acc": ("训练准确率", "Training accuracy"),
    "test_acc": ("测试准确率", "Test accuracy"),
    "network_title": ("网络", "Network"),
    "network_caption": (
        "每个方块是一个单元在整个输入平面上的输出（橙色为正、蓝色为负）；连线橙色为正权重、蓝色为负权重，"
        "越粗表示 |w| 越大。把鼠标移到单元或连线上查看数值，点击单元可放大。",
        "Each square is one unit's output over the whole input plane (orange positive, blue "
        "negative); lines are weights, orange positive and blue negative, thicker for larger |w|. "
        "Hover a unit or a line for its value; click a unit to enlarge it.",
    ),
    "input": ("输入", "Input"),
    "hidden_layer": ("隐藏层 {i}（{w}）", "Hidden {i} ({w})"),
    "output": ("输出", "Output"),
    "more_units": ("另有 {n} 个", "+{n} more"),
    "unit": ("第 {l} 层 · 单元 {u}", "layer {l} · unit {u}"),
    "weight_hover": ("权重", "weight"),
    "bias_hover": ("偏置", "bias"),
    "output_title": ("输出：P(类别 1)", "Output: P(class 1)"),
    "output_title_regression": ("输出：预测值", "Output: prediction"),
    "loss_title": ("训练与测试损失", "Training and test loss"),
    "run_label": ("本次训练", "run"),
    "enlarge": ("放大一个单元", "Enlarge a unit"),
    "enlarge_none": ("（不放大）", "(none)"),
    "enlarge_output": ("输出", "output"),
    "enlarge_input": ("输入 {name}", "input {name}"),
    "enlarge_title": ("放大：{name}", "Enlarged: {name}"),
    "value": ("值", "value"),
    # -- diagnostics
    "diagnostics": ("诊断", "Diagnostics"),
    "diag_caption": (
        "每层此刻的状态（最近一轮）。梯度范数是该轮各小批量上 ‖∂L/∂W‖ 的平均；死亡比例是对所有训练点"
        "输出都恰为 0 的单元所占比例。",
        "Each layer right now (latest epoch). The gradient norm is ‖∂L/∂W‖ averaged over the "
        "epoch's mini-batches; the dead fraction is the share of units whose output is exactly 0 "
        "on every training point.",
    ),
    "diag_show": ("曲线", "Chart"),
    "diag_grad": ("梯度范数", "Gradient norm"),
    "diag_dead": ("死亡单元比例", "Dead units"),
    "diag_bn_mean": ("BN 滑动均值", "BN running mean"),
    "diag_bn_var": ("BN 滑动方差", "BN running variance"),
    "diag_prelu": ("PReLU 斜率 a", "PReLU slope a"),
    "diag_grad_title": (
        "每层梯度范数 ‖∂L/∂W‖（对数坐标）",
        "Gradient norm ‖∂L/∂W‖ per layer (log)",
    ),
    "diag_dead_title": ("每层死亡单元比例", "Dead-unit fraction per layer"),
    "diag_bn_mean_title": ("BN 滑动均值（各单元平均）", "BN running mean (averaged over units)"),
    "diag_bn_var_title": ("BN 滑动方差（各单元平均）", "BN running variance (averaged over units)"),
    "diag_prelu_title": ("PReLU 学到的斜率 a", "PReLU's learned slope a"),
    "diag_unavailable": (
        "当前网络没有这一项（需要批量归一化或 PReLU）。",
        "This network has none (it needs batch norm or PReLU).",
    ),
    "col_layer": ("层", "layer"),
    "col_grad": ("梯度范数", "gradient norm"),
    "col_dead": ("死亡比例", "dead"),
    "col_bn_mean": ("BN 均值", "BN mean"),
    "col_bn_var": ("BN 方差", "BN variance"),
    "col_prelu": ("PReLU a", "PReLU a"),
    "col_weight": ("权重范数", "weight norm"),
    "layer_output": ("输出层", "output"),
    # -- export and sharing
    "export": ("导出与分享", "Export and share"),
    "share_caption": (
        "浏览器地址栏里的网址包含全部设置（含随机种子），复制给别人就能打开同一个实验。",
        "The address bar holds the whole set-up, seed included: copy it to share this experiment.",
    ),
    "download_history": ("下载每轮记录（CSV）", "Download per-epoch history (CSV)"),
    "download_config": ("下载配置（CSV）", "Download the configuration (CSV)"),
    "download_script": ("下载复现脚本（Python）", "Download a reproduction script (Python)"),
    "script_caption": (
        "只用 NumPy（通过 qa_core）的脚本，在项目根目录运行即可逐位复现本次训练（截至第 {epoch} 轮，"
        "包括中途的改动）。",
        "A NumPy-only script (via qa_core): run it from the project's root to reproduce this run "
        "bit for bit (to epoch {epoch}, mid-run changes included).",
    ),
    "script_playing": (
        "正在播放：暂停后这里显示当前轮次的脚本（下载按钮总是给出最新的）。",
        "Playing: pause to see the script for the current epoch here (the download buttons always "
        "give the latest).",
    ),
    "changes_heading": ("中途改动", "Mid-run changes"),
}
