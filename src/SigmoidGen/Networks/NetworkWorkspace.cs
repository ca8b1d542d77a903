using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SigmoidGen.Internal;

/// <summary>
/// The working memory of one generated network instance: each layer's outputs for a batch and the gradients with respect
/// to the hidden layers' outputs. It grows to the largest batch seen, after which nothing is allocated. Not meant to be
/// used by hand.
/// </summary>
/// <typeparam name="T">The network's element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class NetworkWorkspace<T>
    where T : unmanaged
{
    private readonly int[] _sizes;
    private readonly T[][] _activations; // [k], k = 1..layers: layer k − 1's outputs, batch × sizes[k]
    private readonly T[][] _gradients;   // [k], k = 1..layers − 1: ∂L/∂(layer k − 1's outputs), batch × sizes[k]
    private int _capacity;

    /// <summary>A workspace for a network of these sizes (inputs first, then each layer's outputs), empty until used.</summary>
    public NetworkWorkspace(ReadOnlySpan<int> sizes)
    {
        _sizes = sizes.ToArray();
        _activations = new T[_sizes.Length][];
        _gradients = new T[_sizes.Length][];
        for (int k = 0; k < _sizes.Length; k++)
        {
            _activations[k] = Array.Empty<T>();
            _gradients[k] = Array.Empty<T>();
        }
    }

    /// <summary>
    /// Makes room for a batch of <paramref name="batch"/> rows, or throws <see cref="ArgumentException"/> naming
    /// <paramref name="parameterName"/> when a layer's outputs for that batch would not fit in one array. Allocates only
    /// when the batch is the largest so far.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Ensure(int batch, string parameterName)
    {
        if (batch > _capacity)
        {
            Grow(batch, parameterName);
        }
    }

    /// <summary>Layer <c><paramref name="k"/> − 1</c>'s outputs for <paramref name="batch"/> rows (k = 1 … layers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Activations(int k, int batch) => new Span<T>(_activations[k], 0, batch * _sizes[k]);

    /// <summary>∂L/∂(layer <c><paramref name="k"/> − 1</c>'s outputs) for <paramref name="batch"/> rows (k = 1 … layers − 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Gradients(int k, int batch) => new Span<T>(_gradients[k], 0, batch * _sizes[k]);

    /// <summary>
    /// The first of layer <c><paramref name="k"/> − 1</c>'s outputs (<see cref="Activations"/> as a reference), for the
    /// generated kernels, which take references and the batch; the caller has made room for the batch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T ActivationsRef(int k) => ref MemoryMarshal.GetArrayDataReference(_activations[k]);

    /// <summary>The first of <see cref="Gradients"/>' values, as <see cref="ActivationsRef"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T GradientsRef(int k) => ref MemoryMarshal.GetArrayDataReference(_gradients[k]);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int batch, string parameterName)
    {
        // Every size is checked before anything is allocated: a batch too large for one layer changes nothing.
        for (int k = 1; k < _sizes.Length; k++)
        {
            long needed = (long)batch * _sizes[k];
            if (needed > Array.MaxLength)
            {
                ThrowTooLarge(batch, k, needed, parameterName);
            }
        }

        for (int k = 1; k < _sizes.Length; k++)
        {
            _activations[k] = new T[batch * _sizes[k]];
            if (k < _sizes.Length - 1)
            {
                _gradients[k] = new T[batch * _sizes[k]];
            }
        }

        _capacity = batch;
    }

    [DoesNotReturn]
    private void ThrowTooLarge(int batch, int k, long needed, string parameterName)
    {
        int widest = 0;
        for (int j = 1; j < _sizes.Length; j++)
        {
            widest = Math.Max(widest, _sizes[j]);
        }

        throw new ArgumentException(
            $"'{parameterName}' holds a batch of {batch} rows: layer {k - 1}'s {_sizes[k]} outputs for it would need {needed} elements, " +
            $"more than one array can hold ({Array.MaxLength}). Pass at most {Array.MaxLength / widest} rows per call.",
            parameterName);
    }
}
