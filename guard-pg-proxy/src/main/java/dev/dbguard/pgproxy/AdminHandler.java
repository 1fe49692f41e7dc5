package dev.dbguard.pgproxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The admin port's pages: {@code GET /metrics}, every meter in Prometheus' text format, {@code GET /posture}, the
 * posture of every account seen on every route as JSON ({@link PostureJson}), and {@code GET /health},
 * {@code {"status":"UP"}} while the proxy accepts connections ({@code DOWN} with 503 once it is shutting down).
 * Anything else is 404; a method other than GET or HEAD is 405.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ProxyMetrics metrics;
    private final AccountPostures postures;
    private final BooleanSupplier accepting;

    AdminHandler(ProxyMetrics metrics, AccountPostures postures, BooleanSupplier accepting) {
        this.metrics = metrics;
        this.postures = postures;
        this.accepting = accepting;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = request.uri();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        FullHttpResponse response;
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            response = response(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "GET only\n");
        } else if (path.equals("/metrics")) {
            response = response(ctx, HttpResponseStatus.OK, PROMETHEUS_TEXT, metrics.scrape());
        } else if (path.equals("/posture")) {
            response = response(ctx, HttpResponseStatus.OK, "application/json", PostureJson.of(postures.all()));
        } else if (path.equals("/health")) {
            boolean up = accepting.getAsBoolean();
            response = response(ctx, up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "application/json", up ? "{\"status\":\"UP\"}\n" : "{\"status\":\"DOWN\"}\n");
        } else {
            response = response(ctx, HttpResponseStatus.NOT_FOUND, "text/plain",
                    "dbguard-pg-proxy serves /metrics, /posture and /health\n");
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (request.method().equals(HttpMethod.HEAD)) {
            response.content().clear();
        }
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static FullHttpResponse response(ChannelHandlerContext ctx, HttpResponseStatus status, String type,
                                             String body) {
        ByteBuf content = ctx.alloc().buffer(body.length());
        content.writeCharSequence(body, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
