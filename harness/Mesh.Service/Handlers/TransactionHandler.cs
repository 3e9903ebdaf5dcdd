using Mesh.Wire.Messages;

namespace Mesh.Service.Handlers;

/// <summary>One transaction: checks the request, changes state only once every check has passed, answers.</summary>
public abstract class TransactionHandler(ServiceContext context)
{
    protected ServiceContext Context { get; } = context;
    public abstract Response Handle(Request request);
}

public abstract class TransactionHandler<TRequest, TResponse>(ServiceContext context) : TransactionHandler(context)
    where TRequest : Request
    where TResponse : Response
{
    public sealed override Response Handle(Request request) => Handle((TRequest)request);
    protected abstract TResponse Handle(TRequest request);
}
