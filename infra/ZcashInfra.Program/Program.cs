using Pulumi;
using ZcashInfra.Infra;

return await Deployment.RunAsync(() => ZcashStack.Declare());
