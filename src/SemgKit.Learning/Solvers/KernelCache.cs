namespace SemgKit.Learning.Solvers;

/// <summary>
/// LIBSVM's kernel-row cache (svm.cpp <c>Cache</c>): row i holds the first <c>len</c> entries of Q's
/// row i (in the solver's current order); least recently used rows are evicted when the budget runs out,
/// and <see cref="SwapIndex"/> keeps the cached rows consistent with the solver's swaps. Unlike LIBSVM,
/// every row buffer has the full capacity l and evicted buffers are recycled, so the budget counts whole
/// rows and the solver produces no garbage (LIBSVM's realloc of partial rows costs GC time in .NET).
/// </summary>
internal sealed class KernelCache
{
    private readonly float[]?[] _data;
    private readonly int[] _length;
    private readonly int[] _previous;
    private readonly int[] _next;
    private readonly int _head; // sentinel of the circular LRU list: next[head] is the least recently used
    private readonly Stack<float[]> _spare = new();
    private readonly int _capacity;
    private long _free;

    public KernelCache(int l, long budgetFloats)
    {
        _data = new float[]?[l];
        _length = new int[l];
        _previous = new int[l + 1];
        _next = new int[l + 1];
        _head = l;
        _previous[_head] = _next[_head] = _head;
        _capacity = l;
        _free = Math.Max(budgetFloats / Math.Max(l, 1), 2L); // in rows

    }

    private void LruDelete(int h)
    {
        _next[_previous[h]] = _next[h];
        _previous[_next[h]] = _previous[h];
    }

    private void LruInsert(int h)
    {
        _next[h] = _head;
        _previous[h] = _previous[_head];
        _next[_previous[h]] = h;
        _previous[_head] = h;
    }

    /// <summary>
    /// Returns row <paramref name="index"/> with room for <paramref name="length"/> entries and the position
    /// from which the caller must fill it (= <paramref name="length"/> when it is already complete).
    /// </summary>
    public int GetData(int index, int length, out float[] data)
    {
        var old = _length[index];
        if (old > 0) LruDelete(index);
        var start = length;
        if (length > old)
        {
            if (_data[index] is null)
            {
                if (_free == 0)
                {
                    var victim = _next[_head];
                    LruDelete(victim);
                    Release(victim);
                }
                _data[index] = _spare.Count > 0 ? _spare.Pop() : new float[_capacity];
                _free--;
            }
            _length[index] = length;
            start = old;
        }
        LruInsert(index);
        data = _data[index]!;
        return start;
    }

    private void Release(int h)
    {
        _spare.Push(_data[h]!);
        _free++;
        _data[h] = null;
        _length[h] = 0;
    }

    public void SwapIndex(int i, int j)
    {
        if (i == j) return;
        if (_length[i] > 0) LruDelete(i);
        if (_length[j] > 0) LruDelete(j);
        (_data[i], _data[j]) = (_data[j], _data[i]);
        (_length[i], _length[j]) = (_length[j], _length[i]);
        if (_length[i] > 0) LruInsert(i);
        if (_length[j] > 0) LruInsert(j);
        if (i > j) (i, j) = (j, i);
        for (var h = _next[_head]; h != _head;)
        {
            var following = _next[h];
            if (_length[h] > i)
            {
                var row = _data[h]!;
                if (_length[h] > j)
                {
                    (row[i], row[j]) = (row[j], row[i]);
                }
                else
                {
                    LruDelete(h);
                    Release(h);
                }
            }
            h = following;
        }
    }
}
