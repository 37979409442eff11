using Sluice.Engine.Agents;
using Sluice.Engine.Flows;
using Sluice.Sflow.Xdr;
using Xunit;

namespace Sluice.Engine.Tests.Flows;

public sealed class ShardFlowTests
{
    private static readonly SflowAddress Agent = SflowAddress.FromIPv4([10, 0, 0, 1]);

    [Fact]
    public void TableFor_SameDataSource_ReturnsTheRegisteredTable()
    {
        var flow = new ShardFlow("f", new FlowDefinition { Keys = "ipsource", Value = "bytes" }.Compile());
        var dataSource = new DataSourceState(Agent, 0, 1);

        var first = flow.TableFor(dataSource, 1000);
        var second = flow.TableFor(dataSource, 1001);

        Assert.Same(first, second);
        Assert.Same(first, Assert.Single(flow.Tables).Value);
    }

    [Fact]
    public void TableFor_AlternatingDataSources_KeepsEachItsOwnTable()
    {
        var flow = new ShardFlow("f", new FlowDefinition { Keys = "ipsource", Value = "bytes" }.Compile());
        var one = new DataSourceState(Agent, 0, 1);
        var two = new DataSourceState(Agent, 0, 2);

        var tableOne = flow.TableFor(one, 1000);
        var tableTwo = flow.TableFor(two, 1000);
        tableOne.Add("a", 1, 1000);
        tableTwo.Add("b", 1, 1000);

        Assert.NotSame(tableOne, tableTwo);
        Assert.Same(tableOne, flow.TableFor(one, 1001));
        Assert.Same(tableTwo, flow.TableFor(two, 1001));
        Assert.Equal("a", Assert.Single(flow.TableFor(one, 1002).All(1002)).Key);
        Assert.Equal(2, flow.Tables.Count);
    }

    [Fact]
    public void TableFor_DataSourceExpiredAndBack_RegistersANewTable()
    {
        var flow = new ShardFlow("f", new FlowDefinition { Keys = "ipsource", Value = "bytes" }.Compile());
        var dataSource = new DataSourceState(Agent, 0, 1);
        var old = flow.TableFor(dataSource, 1000);
        old.Add("a", 1, 1000);

        flow.Expire(5000);
        Assert.Empty(flow.Tables);
        var fresh = flow.TableFor(dataSource, 9000);
        fresh.Add("b", 1, 9000);

        Assert.NotSame(old, fresh);
        Assert.Same(fresh, flow.Tables[dataSource]);
        Assert.Equal("b", Assert.Single(fresh.All(9000)).Key);
    }

    [Fact]
    public void Expire_TableStillActive_KeepsReturningIt()
    {
        var flow = new ShardFlow("f", new FlowDefinition { Keys = "ipsource", Value = "bytes" }.Compile());
        var dataSource = new DataSourceState(Agent, 0, 1);
        var table = flow.TableFor(dataSource, 1000);
        table.Add("a", 1, 6000);

        flow.Expire(5000);

        Assert.Same(table, flow.TableFor(dataSource, 6001));
        Assert.Same(table, flow.Tables[dataSource]);
    }
}
