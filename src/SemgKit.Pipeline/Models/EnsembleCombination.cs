namespace SemgKit.Pipeline.Models;

/// <summary>How the members of a <see cref="BalancedSubsetEnsemble"/> decide together.</summary>
public enum EnsembleCombination
{
    /// <summary>Average the members' class probabilities.</summary>
    SoftVote,

    /// <summary>Use the single member with the best balanced accuracy on an inner validation split.</summary>
    BestOnValidation,
}
