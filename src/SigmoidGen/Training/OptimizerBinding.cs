using System;

namespace SigmoidGen.Training;

/// <summary>
/// The network instance an optimizer object serves and its state for it: bound at the first update (the state is then
/// allocated, zeroed, in the network's element type), checked at every later one, dropped by <see cref="Clear"/>.
/// </summary>
internal struct OptimizerBinding
{
    private object? _owner;
    private int _parameterCount;
    private Array? _state;

    /// <summary>
    /// Returns the state (<paramref name="stateArrays"/> arrays of <paramref name="parameterCount"/> elements, one after
    /// the other in one buffer) for <paramref name="owner"/>, allocating it at the first call. Throws, leaving everything
    /// as it was, when the optimizer is bound to another owner, another parameter count or another element type.
    /// </summary>
    public T[] Bind<T>(object owner, int parameterCount, int stateArrays, string optimizerName)
    {
        if (_owner is null)
        {
            var state = stateArrays == 0 ? Array.Empty<T>() : new T[checked(stateArrays * parameterCount)];
            (_owner, _parameterCount, _state) = (owner, parameterCount, state);
            return state;
        }

        if (!ReferenceEquals(owner, _owner))
        {
            throw new InvalidOperationException(
                $"This {optimizerName} holds the state of another network instance ({_owner.GetType().Name}); use one optimizer per network, or call Reset() before reusing it.");
        }

        if (parameterCount != _parameterCount || _state is not T[] bound)
        {
            throw new InvalidOperationException(
                $"This {optimizerName} holds state for {_parameterCount} parameters of type {_state!.GetType().GetElementType()!.Name}, but was called with {parameterCount} of type {typeof(T).Name}; call Reset() before reusing it.");
        }

        return bound;
    }

    /// <summary>Forgets the owner and the state.</summary>
    public void Clear() => (_owner, _parameterCount, _state) = (null, 0, null);
}
