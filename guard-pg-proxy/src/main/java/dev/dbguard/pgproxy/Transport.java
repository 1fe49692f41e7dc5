package dev.dbguard.pgproxy;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Netty's native epoll transport where the platform offers it (Linux x86-64 and aarch64: fewer copies and system
 * calls per relayed message than the JDK's selector), else the JDK's NIO. Every event loop, server channel and
 * upstream channel of one proxy comes from the same transport, as Netty requires.
 */
enum Transport {
    EPOLL, NIO;

    /** Epoll when its native library loads here (and {@code -Ddbguard.proxy.transport=nio} does not ask for NIO). */
    static Transport best() {
        boolean nioAsked = "nio".equalsIgnoreCase(System.getProperty("dbguard.proxy.transport"));
        return !nioAsked && Epoll.isAvailable() ? EPOLL : NIO;
    }

    // Created on demand: touching the epoll classes where the native library is missing would fail.
    IoHandlerFactory ioHandlers() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    Class<? extends SocketChannel> socketChannel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
