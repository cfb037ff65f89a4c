using SemgKit.Learning;

namespace SemgKit.Pipeline.Models;

/// <summary>
/// Saves and loads the classifiers a model bundle can hold, each under a kind name ("lda", ...).
/// Adding a learner to bundles = one line in <see cref="Codecs"/>.
/// </summary>
public static class ClassifierCodec
{
    private sealed record Codec(string Kind, Type Type, Action<IClassifier, BinaryWriter> Write, Func<BinaryReader, IClassifier> Read);

    private static readonly Codec[] Codecs =
    [
        new("lda", typeof(LdaClassifier), (c, w) => ((LdaClassifier)c).Write(w), r => LdaClassifier.Read(r)),
        new("svm", typeof(SvmClassifier), (c, w) => ((SvmClassifier)c).Write(w), r => SvmClassifier.Read(r)),
        new("qda", typeof(QdaClassifier), (c, w) => ((QdaClassifier)c).Write(w), r => QdaClassifier.Read(r)),
        new("knn", typeof(KnnClassifier), (c, w) => ((KnnClassifier)c).Write(w), r => KnnClassifier.Read(r)),
        new("rf", typeof(RandomForestClassifier), (c, w) => ((RandomForestClassifier)c).Write(w), r => RandomForestClassifier.Read(r)),
        new("nb", typeof(GaussianNaiveBayesClassifier), (c, w) => ((GaussianNaiveBayesClassifier)c).Write(w), r => GaussianNaiveBayesClassifier.Read(r)),
        new("network", typeof(NetworkClassifier), (c, w) => ((NetworkClassifier)c).Write(w), NetworkClassifier.Read),
        new("standardized", typeof(StandardizedClassifier), (c, w) => WriteStandardized((StandardizedClassifier)c, w), ReadStandardized),
        new("ensemble", typeof(EnsembleClassifier), (c, w) => WriteEnsemble((EnsembleClassifier)c, w), ReadEnsemble),
    ];

    /// <summary>Writes the kind name and the classifier.</summary>
    public static void Write(IClassifier classifier, BinaryWriter writer)
    {
        var codec = Array.Find(Codecs, c => c.Type == classifier.GetType())
            ?? throw new SemgException($"a {classifier.GetType().Name} cannot be saved in a model bundle yet");
        writer.Write(codec.Kind);
        codec.Write(classifier, writer);
    }

    /// <summary>Reads a classifier written by <see cref="Write"/>; unknown kinds and corrupt data throw <see cref="InvalidDataException"/>.</summary>
    public static IClassifier Read(BinaryReader reader)
    {
        string kind = reader.ReadString();
        var codec = Array.Find(Codecs, c => c.Kind == kind)
            ?? throw new InvalidDataException($"unknown classifier kind '{kind}' (known: {string.Join(", ", Codecs.Select(c => c.Kind))}); the bundle was written by a newer SemgKit");
        return codec.Read(reader);
    }

    private static void WriteStandardized(StandardizedClassifier c, BinaryWriter w)
    {
        c.Standardizer.Write(w);
        w.Write(c.ClassCount);
        var map = c.ClassMap;
        w.Write(map.Length);
        foreach (int k in map) w.Write(k);
        Write(c.Inner, w);
    }

    private static StandardizedClassifier ReadStandardized(BinaryReader r)
    {
        var standardizer = Standardizer.Read(r);
        int classCount = r.ReadInt32();
        int n = r.ReadInt32();
        if (classCount < 1 || classCount > 1_000_000 || n < 1 || n > classCount)
            throw new InvalidDataException($"class map of {n} entries for {classCount} classes is invalid");
        var map = new int[n];
        for (int i = 0; i < n; i++)
        {
            map[i] = r.ReadInt32();
            if ((uint)map[i] >= (uint)classCount)
                throw new InvalidDataException($"class map entry {i} = {map[i]} is outside 0..{classCount - 1}");
        }
        var inner = Read(r);
        if (inner.ClassCount != n)
            throw new InvalidDataException($"inner classifier has {inner.ClassCount} classes, class map has {n}");
        if (inner.FeatureCount != standardizer.FeatureCount)
            throw new InvalidDataException($"inner classifier takes {inner.FeatureCount} features, standardiser has {standardizer.FeatureCount}");
        return new StandardizedClassifier(standardizer, inner, map, classCount);
    }

    private static void WriteEnsemble(EnsembleClassifier c, BinaryWriter w)
    {
        w.Write(c.Members.Count);
        w.Write(c.Chosen);
        foreach (var m in c.Members) Write(m, w);
    }

    private static EnsembleClassifier ReadEnsemble(BinaryReader r)
    {
        int count = r.ReadInt32();
        int chosen = r.ReadInt32();
        if (count < 1 || count > 10_000 || chosen < -1 || chosen >= count)
            throw new InvalidDataException($"ensemble of {count} members with chosen member {chosen} is invalid");
        var members = new IClassifier[count];
        for (int i = 0; i < count; i++) members[i] = Read(r);
        try
        {
            return new EnsembleClassifier(members, chosen);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }
}
