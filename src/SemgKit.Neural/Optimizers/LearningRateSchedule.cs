namespace SemgKit.Neural.Optimizers;

/// <summary>
/// An epoch-level learning-rate schedule. The trainer calls <see cref="Reset"/> once, then after each epoch
/// <see cref="Next"/> with the epoch just completed (1-based) and the monitored validation loss; the result becomes the
/// optimiser's learning rate for the next epoch.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>Clears any state (called at the start of training).</summary>
    public virtual void Reset()
    {
    }

    /// <param name="epochsCompleted">Epochs finished so far (1 after the first epoch).</param>
    /// <param name="initialRate">The optimiser's initial learning rate.</param>
    /// <param name="currentRate">The rate used during the epoch just finished.</param>
    /// <param name="monitoredLoss">Validation loss of that epoch (training loss without validation data).</param>
    public abstract double Next(int epochsCompleted, double initialRate, double currentRate, double monitoredLoss);

    /// <summary>lr = lr₀ · γ^⌊epoch / step⌋, <c>torch.optim.lr_scheduler.StepLR</c> (e.g. step 20, γ 0.5 halves every 20 epochs).</summary>
    public static LearningRateSchedule StepDecay(int stepEpochs, double gamma = 0.5) => new StepDecaySchedule(stepEpochs, gamma);

    /// <summary>lr = η_min + (lr₀ − η_min)(1 + cos(π·epoch/T_max))/2, <c>CosineAnnealingLR</c> (closed form; held at η_min after T_max).</summary>
    public static LearningRateSchedule CosineAnnealing(int maxEpochs, double minRate = 0) => new CosineSchedule(maxEpochs, minRate);

    /// <summary>
    /// <c>ReduceLROnPlateau(mode="min", threshold_mode="rel")</c>: after more than <paramref name="patience"/> epochs without
    /// improving the best loss by a relative <paramref name="threshold"/>, multiply the rate by <paramref name="factor"/>
    /// (not below <paramref name="minRate"/>) and wait <paramref name="cooldown"/> epochs.
    /// </summary>
    public static LearningRateSchedule ReduceOnPlateau(double factor = 0.1, int patience = 10, double threshold = 1e-4, double minRate = 0, int cooldown = 0) =>
        new PlateauSchedule(factor, patience, threshold, minRate, cooldown);

    private sealed class StepDecaySchedule : LearningRateSchedule
    {
        private readonly int _step;
        private readonly double _gamma;

        public StepDecaySchedule(int step, double gamma)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);
            _step = step;
            _gamma = gamma;
        }

        public override double Next(int epochsCompleted, double initialRate, double currentRate, double monitoredLoss) =>
            initialRate * Math.Pow(_gamma, epochsCompleted / _step);
    }

    private sealed class CosineSchedule : LearningRateSchedule
    {
        private readonly int _max;
        private readonly double _min;

        public CosineSchedule(int max, double min)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
            _max = max;
            _min = min;
        }

        public override double Next(int epochsCompleted, double initialRate, double currentRate, double monitoredLoss) =>
            epochsCompleted >= _max ? _min : _min + (initialRate - _min) * (1 + Math.Cos(Math.PI * epochsCompleted / _max)) / 2;
    }

    private sealed class PlateauSchedule(double factor, int patience, double threshold, double minRate, int cooldown) : LearningRateSchedule
    {
        private double _best = double.PositiveInfinity;
        private int _bad, _cooldownLeft;

        public override void Reset()
        {
            _best = double.PositiveInfinity;
            _bad = 0;
            _cooldownLeft = 0;
        }

        public override double Next(int epochsCompleted, double initialRate, double currentRate, double monitoredLoss)
        {
            if (monitoredLoss < _best * (1 - threshold))
            {
                _best = monitoredLoss;
                _bad = 0;
            }
            else _bad++;
            if (_cooldownLeft > 0)
            {
                _cooldownLeft--;
                _bad = 0;
            }
            if (_bad > patience)
            {
                _cooldownLeft = cooldown;
                _bad = 0;
                return Math.Max(currentRate * factor, minRate);
            }
            return currentRate;
        }
    }
}
