package org.securitycam.launcher;

import java.io.File;
import java.io.IOException;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TriggeringPolicyBase;

/**
 * A rolling file that never grows past its size: the file rolls over before the entry that would take it past
 * {@code maxBytes} is written, not after it (logback's size policy checks at most every so often, and only after
 * the fact, so a busy moment overshoots). The size check, the rollover and the write are one step under the
 * appender's write lock, whichever thread logs. An entry larger than the whole file still gets written, alone.
 */
final class SizeRollingAppender extends RollingFileAppender<ILoggingEvent> {
    private final long maxBytes;

    SizeRollingAppender(long maxBytes) {
        this.maxBytes = maxBytes;
        // Required by the rolling appender; the size is checked here, before each write.
        TriggeringPolicyBase<ILoggingEvent> never = new TriggeringPolicyBase<>() {
            @Override
            public boolean isTriggeringEvent(File activeFile, ILoggingEvent event) {
                return false;
            }
        };
        setTriggeringPolicy(never);
    }

    @Override
    public void start() {
        getTriggeringPolicy().start();
        super.start();
    }

    @Override
    protected void subAppend(ILoggingEvent event) {
        if (!isStarted()) {
            return;
        }
        event.prepareForDeferredProcessing();
        byte[] bytes = getEncoder().encode(event);
        streamWriteLock.lock();
        try {
            long length = new File(getFile()).length();
            if (length > 0 && length + bytes.length > maxBytes) {
                rollover();
            }
            writeByteArrayToOutputStreamWithPossibleFlush(bytes);
        } catch (IOException e) {
            addStatus(new ch.qos.logback.core.status.ErrorStatus("Could not write to " + getFile(), this, e));
        } finally {
            streamWriteLock.unlock();
        }
    }
}
