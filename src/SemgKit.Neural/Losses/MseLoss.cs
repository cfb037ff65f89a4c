namespace SemgKit.Neural.Losses;

/// <summary>Mean squared error over all elements, <c>torch.nn.MSELoss()</c>: mean((p − t)²); gradient 2(p − t)/count.</summary>
public sealed class MseLoss
{
    private Tensor? _prediction, _target, _gradInput;

    public float Forward(Tensor prediction, Tensor target)
    {
        if (!prediction.HasShape(target.Shape))
            throw new ArgumentException($"Prediction {Tensor.ShapeString(prediction.Shape)} and target {Tensor.ShapeString(target.Shape)} differ in shape.");
        _prediction = prediction;
        _target = target;
        var p = prediction.Span;
        var t = target.Span;
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double d = p[i] - t[i];
            sum += d * d;
        }
        return (float)(sum / p.Length);
    }

    public Tensor Backward()
    {
        var prediction = _prediction ?? throw new InvalidOperationException("Backward called before Forward.");
        var dp = Tensor.Reuse(ref _gradInput, prediction.Shape);
        var p = prediction.Span;
        var t = _target!.Span;
        var d = dp.Span;
        float scale = 2f / p.Length;
        for (int i = 0; i < p.Length; i++) d[i] = scale * (p[i] - t[i]);
        return dp;
    }
}
