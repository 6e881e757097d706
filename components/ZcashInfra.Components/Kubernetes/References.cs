namespace ZcashInfra.Components.Kubernetes;

/// <summary>A key of a Kubernetes Secret that this program does not create (its value never passes through the stack).</summary>
/// <param name="Name">The Secret's name, in the namespace that uses it.</param>
/// <param name="Key">The key inside it.</param>
public sealed record SecretKeyRef(string Name, string Key);

/// <summary>CPU and memory a pod's main container requests (memory is also its limit).</summary>
/// <param name="Cpu">CPU quantity, e.g. <c>4</c> or <c>500m</c>.</param>
/// <param name="Memory">Memory quantity, e.g. <c>12Gi</c>.</param>
public sealed record ComputeResources(string Cpu, string Memory);
