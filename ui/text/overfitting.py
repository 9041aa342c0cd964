"""Strings of the overfitting page: the set-up, the remedies side by side, weights under L1/L2."""

TEXT = {
    "title": ("过拟合及其补救", "Overfitting and its remedies"),
    # -- the shared set-up -------------------------------------------------------------------
    "setup_heading": ("过拟合的实验设定", "An overfitting set-up"),
    "setup_intro": (
        "默认设定故意制造过拟合：只有 60 个带噪声的训练点，另有 {n_test} 个测试点；"
        "网络的参数远多于数据（3 个隐藏层 × 16 个单元，约 600 个参数），训练 200 轮。"
        "两个实验都用这里的设定；改完后点「按此设定训练」。",
        "The default set-up overfits on purpose: only 60 noisy training points, {n_test} test "
        "points held out, a network with far more parameters than data (3 hidden layers × 16 "
        "units, about 600 parameters) and 200 epochs. Both experiments use it; press “Train "
        "this set-up” after changing it.",
    ),
    "dataset": ("数据集", "Data set"),
    "ds_moons": ("双月形", "Moons"),
    "ds_circles": ("同心圆", "Circles"),
    "ds_xor": ("异或", "XOR"),
    "ds_spiral": ("双螺旋", "Spiral"),
    "ds_blobs": ("两团高斯", "Two blobs"),
    "n_train": ("训练集大小", "Training-set size"),
    "n_train_help": (
        "测试集固定为 {n_test} 个点，由同一分布生成。",
        "The test set is fixed at {n_test} points from the same distribution.",
    ),
    "noise": ("噪声（标准差）", "Noise (std)"),
    "width": ("每层宽度", "Width per layer"),
    "depth": ("隐藏层数", "Hidden layers"),
    "epochs": ("训练轮数（epoch）", "Epochs"),
    "lr": ("学习率", "Learning rate"),
    "optimizer": ("优化器", "Optimiser"),
    "opt_adam": ("Adam", "Adam"),
    "opt_momentum": ("SGD + 动量", "SGD + momentum"),
    "opt_sgd": ("SGD", "SGD"),
    "batch_size": ("批大小", "Batch size"),
    "seed": ("随机种子", "Seed"),
    "seed_help": (
        "所有运行共用这个种子：同样的数据、同样的初始权重。",
        "Every run uses this seed: the same data and the same initial weights.",
    ),
    "apply": ("按此设定训练", "Train this set-up"),
    "full_batch": (
        "批大小 {batch} 大于训练集（{n} 个点）：每个 epoch 只做一步全批量梯度下降。"
        "结果仍然有效，只是每轮更新次数更少。",
        "The batch size {batch} is larger than the training set ({n} points): every epoch is a "
        "single full-batch step. The results are still valid, with fewer updates per epoch.",
    ),
    # -- remedies side by side ------------------------------------------------------------------
    "exp_remedies": ("补救方法并排对比", "Remedies side by side"),
    "remedies_intro": (
        "打开任意几种补救方法。每种方法**单独**加在基线上、用同一个随机种子训练，"
        "所以与基线的差别只来自这一种方法；想看叠加效果，再打开「全部叠加」，会多出一次把所选方法同时用上的运行。"
        "泛化差距 = 训练准确率 − 测试准确率。",
        "Switch on any remedies. Each one is added to the baseline **on its own** and trained "
        "with the same seed, so its difference from the baseline is that remedy's alone. To see "
        "them stacked, also switch on “all together”: one more run uses every chosen remedy at "
        "once. Generalisation gap = train accuracy − test accuracy.",
    ),
    "rem_augment": ("数据增强", "Data augmentation"),
    "rem_l1": ("L1 正则", "L1 penalty"),
    "rem_l2": ("L2 正则（权重衰减）", "L2 penalty (weight decay)"),
    "rem_ensemble": ("模型集成", "Ensemble"),
    "rem_dropout": ("Dropout", "Dropout"),
    "rem_early_stop": ("早停", "Early stopping"),
    "rem_batch_norm": ("批量归一化", "Batch norm"),
    "run_baseline": ("基线", "Baseline"),
    "run_augment": ("数据增强", "Augmentation"),
    "run_l1": ("L1", "L1"),
    "run_l2": ("L2", "L2"),
    "run_ensemble": ("集成", "Ensemble"),
    "run_dropout": ("Dropout", "Dropout"),
    "run_early_stop": ("早停", "Early stopping"),
    "run_batch_norm": ("批量归一化", "Batch norm"),
    "run_combined": ("全部叠加", "All together"),
    "aug_copies": ("抖动副本数", "Jittered copies"),
    "aug_copies_help": (
        "每个训练点再复制若干份，加上高斯抖动、标签不变；训练集变为 (1 + 副本数) 倍。",
        "Each training point gets this many copies with Gaussian jitter and the same label: "
        "the training set grows (1 + copies)-fold.",
    ),
    "aug_sigma": ("抖动 σ（图上的坐标单位）", "Jitter σ (plot units)"),
    "aug_sigma_help": (
        "抖动的标准差，与下方地图的坐标同一单位（方框为 ±6）。",
        "Standard deviation of the jitter, in the units of the maps below (the box is ±6).",
    ),
    "lambda_l1": ("L1 的 λ", "L1 λ"),
    "lambda_l2": ("L2 的 λ", "L2 λ"),
    "lambda_help": (
        "惩罚项 λ·Σ|w|（L1）或 (λ/2)·Σw²（L2），只作用于权重，不含偏置。",
        "Penalty λ·Σ|w| (L1) or (λ/2)·Σw² (L2), on the weights only, not the biases.",
    ),
    "ensemble_k": ("成员数 K", "Members K"),
    "ensemble_help": (
        "K 个网络只有随机种子不同（同一份数据），预测时对概率取平均；耗时是单个网络的 K 倍。",
        "K networks that differ only in their seed (same data); their probabilities are "
        "averaged. Costs K times one network.",
    ),
    "dropout_p": ("丢弃概率 p", "Drop probability p"),
    "dropout_help": (
        "每个隐藏单元在训练时以概率 p 被关掉（PyTorch 的约定；论文里的 p 是保留概率）。",
        "Each hidden unit is switched off with probability p in training (PyTorch's "
        "convention; the paper's p is the retain probability).",
    ),
    "patience": ("耐心值（epoch）", "Patience (epochs)"),
    "patience_help": (
        "测试损失连续这么多轮没有创新低就停止。",
        "Stop after this many epochs without a new lowest test loss.",
    ),
    "bn_note": (
        "每个隐藏层激活前加 BN，无强度参数。",
        "BN before every hidden activation; no strength knob.",
    ),
    "combined": ("另外把所选方法全部叠加训练一次", "Also train all chosen remedies together"),
    "combined_help": (
        "至少选两种方法时才有意义；若选了集成，叠加运行也是 K 个成员的集成。",
        "Needs at least two remedies; if the ensemble is chosen, the combined run is a "
        "K-member ensemble too.",
    ),
    "predict_question": (
        "在这份数据上，哪种补救方法把泛化差距缩小得最多？",
        "Which remedy closes the gap most on this data?",
    ),
    "running": ("正在训练：{run}", "Training: {run}"),
    "none_chosen": (
        "还没有打开任何补救方法：下面只有基线。",
        "No remedy is switched on yet: only the baseline is shown.",
    ),
    "underfit": (
        "{run}：训练准确率只有 {acc:.0%}，几乎和只猜多数类一样——这个强度让网络欠拟合了，差距小只是因为什么都没学到。试着减小强度。",
        "{run}: training accuracy is only {acc:.0%}, about what always guessing the majority "
        "class gets — at this strength the network underfits; the gap is small only because it "
        "learned nothing. Try a weaker setting.",
    ),
    "gap_title": ("各运行的训练 / 测试准确率", "Train and test accuracy of every run"),
    "gap_axis": ("准确率", "accuracy"),
    "gap_text": ("差距 {gap:+.1%}", "gap {gap:+.1%}"),
    "maps_heading": ("决策边界与损失曲线", "Decision boundaries and loss curves"),
    "show_test": ("在地图上标出测试点（×）", "Mark the test points (×) on the maps"),
    "maps_caption": (
        "背景颜色是 P(类别 1)，黑线是 0.5 的决策边界；● 是训练点，× 是测试点。"
        "每张地图下面是同一运行的训练（实线）和测试（虚线）损失，竖虚线标出测试损失最低的 epoch。",
        "Background: P(class 1); black line: the 0.5 decision boundary; ● training points, "
        "× test points. Under each map: the same run's train (solid) and test (dashed) loss; "
        "the dotted vertical line marks the epoch of lowest test loss.",
    ),
    "map_title": ("{run} · 差距 {gap:.1%}", "{run} · gap {gap:.1%}"),
    "curves_title": ("{run}：损失", "{run}: loss"),
    "best_epoch": ("最低测试损失 @ {epoch}", "lowest test loss @ {epoch}"),
    "member_test": ("成员 {i} · 测试集", "member {i} · test"),
    "early_stop_note": (
        "早停在这里保留停止那一轮的权重（不回退到最好的那一轮），所以表中「最低测试损失的轮次」就是回退时会用的检查点。"
        "另外，这里的测试集同时充当验证集（引擎按测试损失判断何时停止），所以早停一行的测试成绩略偏乐观；实际应用中要另留验证集。",
        "Early stopping here keeps the weights of the epoch where it stopped (it does not roll "
        "back), so the table's “epoch of lowest test loss” is the checkpoint a rollback would "
        "restore. The test set also serves as the validation set here (the engine stops on the "
        "test loss), so early stopping's test numbers are slightly optimistic; in practice keep "
        "a separate validation set.",
    ),
    "table_heading": ("结果表", "Results table"),
    "col_run": ("运行", "Run"),
    "col_train_acc": ("训练准确率", "Train accuracy"),
    "col_test_acc": ("测试准确率", "Test accuracy"),
    "col_gap": ("泛化差距", "Gap"),
    "col_gap_change": ("差距变化（相对基线）", "Gap change vs baseline"),
    "col_test_loss": ("最终测试损失", "Final test loss"),
    "col_best_test_loss": ("最低测试损失", "Lowest test loss"),
    "col_best_epoch": ("最低测试损失的轮次", "Epoch of lowest test loss"),
    "col_epochs_run": ("实际轮数", "Epochs run"),
    "col_rows_per_epoch": ("每轮训练行数", "Rows per epoch"),
    "col_members": ("网络数", "Networks"),
    "col_state": ("状态", "State"),
    "state_ok": ("正常", "ok"),
    "state_stopped": ("早停", "stopped early"),
    "state_diverged": ("发散", "diverged"),
    "state_underfit": ("欠拟合", "underfits"),
    "download_table": ("下载结果表（CSV）", "Download the table (CSV)"),
    "download_history": ("下载逐轮记录（CSV）", "Download the per-epoch history (CSV)"),
    "ensemble_heading": ("集成的细节", "Inside the ensemble"),
    "ensemble_caption": (
        "集成的预测是 K 个成员概率的平均 $\\bar p(x)=\\frac1K\\sum_k p_k(x)$，"
        "表中「集成」一行由平均后的概率算出，而不是成员准确率的平均。"
        "下图：各成员的测试损失（细线）与集成的训练 / 测试损失（粗线）。",
        "The ensemble predicts the mean of its K members' probabilities, "
        "$\\bar p(x)=\\frac1K\\sum_k p_k(x)$; its row in the table comes from the averaged "
        "probabilities, not from averaging the members' accuracies. Chart: each member's test "
        "loss (thin) and the ensemble's train and test loss (thick).",
    ),
    "col_member": ("成员", "Member"),
    "col_seed": ("种子", "Seed"),
    "member_ensemble": ("集成（平均概率）", "ensemble (mean probabilities)"),
    "ensemble_curves_title": (
        "集成与成员的损失",
        "Loss of the ensemble and its members",
    ),
    "reveal_best": (
        "实测差距最小的是 **{best}**（{gap:.1%}，基线 {base:.1%}）。各方法的差距：{all}。"
        "注意：差距小并不一定是好事——早停和过强的正则会同时压低训练准确率；请同时看测试准确率。",
        "The smallest measured gap is **{best}**'s ({gap:.1%}; baseline {base:.1%}). All gaps: "
        "{all}. A small gap is not automatically good: early stopping and heavy penalties also "
        "lower the training accuracy, so read the test accuracy too.",
    ),
    "reveal_close": (
        "与它相差不到 1 个百分点的还有：{runs}——在这份数据上可以算打平，换个种子名次可能就变了。",
        "Within one percentage point of it: {runs} — a tie on this data; another seed may "
        "change the order.",
    ),
    "reveal_not_run": (
        "你选的「{choice}」没有打开，所以没有测量；打开它就能比较。",
        "“{choice}” is switched off, so it was not measured; switch it on to compare.",
    ),
    "reveal_diverged": (
        "所有补救方法的运行都发散了，没有可比较的差距：先降低学习率或换用 Adam。",
        "Every remedy's run diverged, so there is no gap to compare: lower the learning rate or "
        "use Adam first.",
    ),
    "reveal_none": (
        "至少打开一种补救方法才能揭晓答案。",
        "Switch on at least one remedy to reveal the answer.",
    ),
    # -- weights under regularisation -------------------------------------------------------
    "exp_weights": ("正则化下的权重", "Weights under regularisation"),
    "weights_intro": (
        "同一设定、同一种子，分别不加正则、加 L1、加 L2 训练，比较训练结束时某一层权重的分布。"
        "L2 的梯度 $\\lambda w$ 随权重变小而变弱，所以整体收缩；L1 的梯度 $\\lambda\\operatorname{sign}(w)$ 力度恒定，"
        "会把很多权重推到 0 附近（普通梯度下降只能让它们在 0 附近来回跳）。"
        "第一层只有 2 × 宽度 个权重；选第 2 层能看到更完整的分布。",
        "Same set-up, same seed, trained with no penalty, with L1 and with L2; the histogram "
        "compares one layer's weights after training. L2's gradient $\\lambda w$ fades as a "
        "weight shrinks, so everything shrinks; L1's gradient $\\lambda\\operatorname{sign}(w)$ "
        "has constant size and pushes many weights to about zero (plain gradient steps leave "
        "them jittering around 0). The first layer has only 2 × width weights; layer 2 gives a "
        "fuller histogram.",
    ),
    "layer": ("哪一层的权重", "Which layer's weights"),
    "layer_option": ("第 {i} 层（{n_in}→{n_out}）", "layer {i} ({n_in}→{n_out})"),
    "near_zero": ("“接近 0”的阈值 |w| <", "“Near zero” threshold |w| <"),
    "log_y": ("对数纵轴", "Log counts"),
    "hist_title": ("第 {i} 层权重的分布", "Weights of layer {i}"),
    "hist_x": ("权重 w", "weight w"),
    "hist_y": ("个数", "count"),
    "stats_caption": (
        "L1 让 {l1:.0%} 的权重 |w| < {tol:g}，L2 是 {l2:.0%}，基线是 {base:.0%}。",
        "L1 leaves {l1:.0%} of the weights with |w| < {tol:g}, L2 {l2:.0%}, the baseline {base:.0%}.",
    ),
    "col_n": ("权重个数", "Weights"),
    "col_near_zero": ("接近 0 的比例", "Share near zero"),
    "col_mean_abs": ("平均 |w|", "Mean |w|"),
    "col_max_abs": ("最大 |w|", "Max |w|"),
    "col_norm": ("范数 ‖W‖₂", "Norm ‖W‖₂"),
}
