package dev.dbguard.pgproxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Writes what one side sends to the other side, flushing once per read burst, with backpressure: when the peer
 * cannot take more, this side stops reading until the peer drains. Used in both directions; when one side closes,
 * the other is flushed and closed (a client that disconnects ends its server session).
 */
final class Relay extends ChannelInboundHandlerAdapter {

    private final Supplier<Channel> peer;
    private final IntConsumer relayedBytes;

    Relay(Supplier<Channel> peer) {
        this(peer, bytes -> { });
    }

    /** A relay that reports the size of every buffer it passes on to {@code relayedBytes}. */
    Relay(Supplier<Channel> peer, IntConsumer relayedBytes) {
        this.peer = peer;
        this.relayedBytes = relayedBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel other = peer.get();
        if (other == null || !other.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof ByteBuf buffer) {
            relayedBytes.accept(buffer.readableBytes());
        }
        other.write(msg, other.voidPromise());
        if (!other.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Channel other = peer.get();
        if (other != null) {
            other.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel other = peer.get();
        if (ctx.channel().isWritable() && other != null) {
            other.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeOnFlush(peer.get());
        ctx.fireChannelInactive();
    }

    static void closeOnFlush(Channel channel) {
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
