namespace SemgKit.Pipeline.Streaming.Sources;

/// <summary>Releases frames [0, total) in chunks, either as fast as possible or at the sample rate (timer-driven, no busy-wait).</summary>
internal static class Pacer
{
    /// <param name="release">Called with (first frame, frame count); never more than <paramref name="chunkFrames"/> frames.</param>
    public static async Task RunAsync(int totalFrames, double sampleRateHz, int chunkFrames, ReplayPace pace, IMonotonicClock clock,
        Func<int, int, ValueTask> release, CancellationToken cancellationToken)
    {
        chunkFrames = Math.Max(1, chunkFrames);
        if (pace == ReplayPace.Max)
        {
            for (int at = 0; at < totalFrames; at += chunkFrames)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await release(at, Math.Min(chunkFrames, totalFrames - at)).ConfigureAwait(false);
            }
            return;
        }
        var period = TimeSpan.FromSeconds(Math.Max(1e-3, chunkFrames / sampleRateHz));
        using var timer = new PeriodicTimer(period);
        long start = clock.NowMicroseconds;
        int released = 0;
        while (released < totalFrames)
        {
            await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
            long elapsed = clock.NowMicroseconds - start;
            int due = (int)Math.Min(totalFrames, Math.Floor(elapsed * sampleRateHz / 1e6));
            // release whole chunks only (like a device), except the tail of the recording
            due = due == totalFrames ? due : released + (due - released) / chunkFrames * chunkFrames;
            while (released < due)
            {
                int n = Math.Min(chunkFrames, due - released);
                await release(released, n).ConfigureAwait(false);
                released += n;
            }
        }
    }
}
