namespace SigmoidGen.Tests.Networks;

/// <summary>
/// A dense sigmoid network and torch.optim's update rules written plainly in double precision, independent of the
/// generated kernels and of the runtime optimizers: the reference the network training tests compare against.
/// </summary>
internal static class ReferenceNetwork
{
    /// <summary>The mean binary cross-entropy of the network on a batch, and the gradient of every parameter.</summary>
    public static (double Loss, double[] Gradients) Gradients(int[] sizes, double[] p, double[] x, double[] t)
    {
        int layers = sizes.Length - 1;
        int batch = x.Length / sizes[0];
        var activations = new double[layers + 1][];
        activations[0] = x;
        var offsets = new int[layers];
        for (int k = 0, offset = 0; k < layers; k++)
        {
            offsets[k] = offset;
            offset += (sizes[k] * sizes[k + 1]) + sizes[k + 1];
        }

        for (int k = 0; k < layers; k++)
        {
            int n = sizes[k], m = sizes[k + 1];
            var a = new double[batch * m];
            for (int b = 0; b < batch; b++)
            {
                for (int o = 0; o < m; o++)
                {
                    double z = p[offsets[k] + (n * m) + o];
                    for (int i = 0; i < n; i++)
                    {
                        z += p[offsets[k] + (o * n) + i] * activations[k][(b * n) + i];
                    }

                    a[(b * m) + o] = 1 / (1 + Math.Exp(-z));
                }
            }

            activations[k + 1] = a;
        }

        double[] y = activations[layers];
        double loss = 0;
        var dz = new double[y.Length];
        for (int j = 0; j < y.Length; j++)
        {
            loss -= (t[j] * Math.Log(y[j])) + ((1 - t[j]) * Math.Log(1 - y[j]));
            dz[j] = (y[j] - t[j]) / y.Length;
        }

        var gradients = new double[p.Length];
        for (int k = layers - 1; k >= 0; k--)
        {
            int n = sizes[k], m = sizes[k + 1];
            double[] input = activations[k];
            var dInput = new double[batch * n];
            for (int b = 0; b < batch; b++)
            {
                for (int o = 0; o < m; o++)
                {
                    double g = dz[(b * m) + o];
                    gradients[offsets[k] + (n * m) + o] += g;
                    for (int i = 0; i < n; i++)
                    {
                        gradients[offsets[k] + (o * n) + i] += g * input[(b * n) + i];
                        dInput[(b * n) + i] += g * p[offsets[k] + (o * n) + i];
                    }
                }
            }

            if (k > 0)
            {
                for (int j = 0; j < dInput.Length; j++)
                {
                    dInput[j] *= input[j] * (1 - input[j]);
                }

                dz = dInput;
            }
        }

        return (loss / y.Length, gradients);
    }

    /// <summary>torch.optim.SGD's state and step (dampening 0).</summary>
    public sealed class Sgd(double lr, double momentum, bool nesterov, double weightDecay)
    {
        private double[]? _buffer;

        public void Step(double[] p, double[] gradient)
        {
            bool first = _buffer is null;
            _buffer ??= new double[p.Length];
            for (int k = 0; k < p.Length; k++)
            {
                double g = gradient[k] + (weightDecay * p[k]);
                if (momentum != 0)
                {
                    _buffer[k] = first ? g : (momentum * _buffer[k]) + g;
                    g = nesterov ? g + (momentum * _buffer[k]) : _buffer[k];
                }

                p[k] -= lr * g;
            }
        }
    }

    /// <summary>torch.optim.Adam / AdamW's state and step (amsgrad off).</summary>
    public sealed class Adam(double lr, double beta1, double beta2, double epsilon, double weightDecay, bool decoupled)
    {
        private double[]? _m, _v;
        private int _step;

        public void Step(double[] p, double[] gradient)
        {
            _m ??= new double[p.Length];
            _v ??= new double[p.Length];
            _step++;
            double correction1 = 1 - Math.Pow(beta1, _step);
            double correction2 = 1 - Math.Pow(beta2, _step);
            for (int k = 0; k < p.Length; k++)
            {
                double g = gradient[k];
                if (decoupled)
                {
                    p[k] *= 1 - (lr * weightDecay);
                }
                else
                {
                    g += weightDecay * p[k];
                }

                _m[k] = (beta1 * _m[k]) + ((1 - beta1) * g);
                _v[k] = (beta2 * _v[k]) + ((1 - beta2) * g * g);
                p[k] -= lr * (_m[k] / correction1) / (Math.Sqrt(_v[k] / correction2) + epsilon);
            }
        }
    }
}
