using System.Runtime.InteropServices;

namespace Sluice.Engine.Ingest;

/// <summary>
/// The Linux structures of <c>recvmmsg(2)</c> and <c>sendmmsg(2)</c> (64-bit layout), shared by the batch receiver and
/// the forwarding sender.
/// </summary>
internal static unsafe class LinuxMessageHeaders
{
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public byte* Name;
        public uint NameLength;
        public IoVec* IoVec;
        public nuint IoVecLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MMsgHdr
    {
        public MsgHdr Header;
        public uint Length;
    }
}
