namespace SemgKit.Pipeline.Data.Formats.Edf;

/// <summary>Options of <see cref="EdfWriter"/>.</summary>
public sealed record EdfWriteOptions
{
    public static EdfWriteOptions Default { get; } = new();

    /// <summary>Write BDF (24-bit samples, "\xFFBIOSEMI" version) instead of EDF (16-bit).</summary>
    public bool Bdf { get; init; }

    /// <summary>Duration of one data record in seconds.</summary>
    public double RecordDurationSeconds { get; init; } = 1.0;

    /// <summary>Local patient identification (80 ASCII characters at most); EDF+ style "code sex birthdate name".</summary>
    public string PatientId { get; init; } = "X X X X";

    /// <summary>Local recording identification (80 ASCII characters at most); null writes EDF+ style "Startdate dd-MMM-yyyy X X X".</summary>
    public string? RecordingId { get; init; }

    /// <summary>Start of the recording.</summary>
    public DateTime StartTime { get; init; } = new(2000, 1, 1, 0, 0, 0);

    /// <summary>Annotations; when any are given (or <see cref="WriteAnnotationSignal"/>), the file is EDF+C / BDF+C with an annotation signal.</summary>
    public IReadOnlyList<EdfAnnotation> Annotations { get; init; } = [];

    /// <summary>Write an annotation signal (EDF+C/BDF+C) even without annotations.</summary>
    public bool WriteAnnotationSignal { get; init; }
}
