package dev.dbguard.pgproxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;

/** The admin port, off unless asked for: HTTP/1.1 on the proxy's event loops, served by {@link AdminHandler}. */
final class AdminServer {

    /** Requests are a line and a few headers: a bound keeps a stray client from making the proxy buffer. */
    private static final int MAX_REQUEST_BYTES = 16 * 1024;

    private AdminServer() {
    }

    static Channel bind(InetSocketAddress listen, Transport transport, EventLoopGroup boss, EventLoopGroup workers,
                        ProxyMetrics metrics, AccountPostures postures, BooleanSupplier accepting) throws InterruptedException {
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast("http", new HttpServerCodec())
                                .addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast("admin", new AdminHandler(metrics, postures, accepting));
                    }
                })
                .bind(listen).sync().channel();
    }
}
