namespace SemgKit.Signal.Onsets;

/// <summary>
/// The shared on/off state machine: the muscle turns on at the first sample of a run of ≥ minOn samples above the
/// threshold, and off at the first sample of a run of ≥ minOff samples at or below it; a burst still on at the end
/// ends at N.
/// </summary>
internal static class BurstFinder
{
    public static List<Burst> Find(ReadOnlySpan<float> detection, double threshold, int minOnSamples, int minOffSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minOnSamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minOffSamples, 1);
        var bursts = new List<Burst>();
        var on = false;
        var runStart = -1;
        var onset = 0;
        for (var i = 0; i < detection.Length; i++)
        {
            var above = detection[i] > threshold;
            if (!on)
            {
                if (above)
                {
                    if (runStart < 0)
                        runStart = i;
                    if (i - runStart + 1 >= minOnSamples)
                    {
                        on = true;
                        onset = runStart;
                        runStart = -1;
                    }
                }
                else
                {
                    runStart = -1;
                }
            }
            else
            {
                if (!above)
                {
                    if (runStart < 0)
                        runStart = i;
                    if (i - runStart + 1 >= minOffSamples)
                    {
                        on = false;
                        bursts.Add(new Burst(onset, runStart));
                        runStart = -1;
                    }
                }
                else
                {
                    runStart = -1;
                }
            }
        }
        if (on)
            bursts.Add(new Burst(onset, detection.Length));
        return bursts;
    }
}
