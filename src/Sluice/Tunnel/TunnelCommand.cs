using System.CommandLine;

namespace Sluice.Tunnel;

/// <summary>
/// <c>sluice tunnel listen|send</c>: carries sFlow over any byte stream (typically ssh) as one hex line per
/// datagram, like the sflow_fwd.py script of "Secure forwarding of sFlow using ssh".
/// </summary>
internal static class TunnelCommand
{
    public static Command Create()
    {
        var listenPort = new Option<int>("--port", "-p") { Description = "UDP port to receive sFlow on", DefaultValueFactory = _ => 6343 };
        var bind = new Option<string?>("--bind", "-b", "--collector", "-c") { Description = "address to bind (default: all, IPv4 and IPv6)" };
        var listen = new Command("listen", "Receive sFlow datagrams and write each as a hex line on stdout.")
        {
            listenPort,
            bind,
        };
        listen.SetAction((result, cancel) => TunnelListener.RunAsync(
            new TunnelListenerOptions(result.GetValue(bind), result.GetValue(listenPort)),
            StandardOutput.Open(),
            Console.Error,
            cancel));

        var server = new Option<string>("--server", "-s") { Description = "host to send the datagrams to", Required = true };
        var sendPort = new Option<int>("--port", "-p") { Description = "UDP port to send to", DefaultValueFactory = _ => 6343 };
        var send = new Command("send", "Read hex lines on stdin and send each as an sFlow datagram.")
        {
            server,
            sendPort,
        };
        send.SetAction((result, cancel) => TunnelSender.RunAsync(
            result.GetValue(server)!,
            result.GetValue(sendPort),
            Console.OpenStandardInput(),
            Console.Error,
            cancel));

        return new Command("tunnel", "Forward sFlow over ssh: datagrams to hex lines and back.")
        {
            listen,
            send,
        };
    }
}
