package org.securitycam.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The git checkout the device was installed from ({@code SECURITY_CAM_REPO}, handed over by the launcher as the
 * framework property {@value #REPO_PROPERTY}; the working directory without it): its branch and commit, read in
 * the background and cached, and the update check, which fetches {@code origin} with a timeout. Every git command
 * runs without a shell, a terminal or a credential prompt.
 */
@Component(service = Checkout.class)
public class Checkout {
    static final String REPO_PROPERTY = "securitycam.repo";
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(20);
    static final Duration LOCAL_TIMEOUT = Duration.ofSeconds(5);
    /** How long the cached branch and commit are shown before they are read again. */
    static final Duration DEPLOY_INFO_AGE = Duration.ofSeconds(60);
    private static final Map<String, String> GIT_ENV = Map.of("GIT_TERMINAL_PROMPT", "0", "LC_ALL", "C",
            "GIT_ASKPASS", "/bin/true", "SSH_ASKPASS", "/bin/true");

    private final Path repo;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "system-git");
        t.setDaemon(true);
        return t;
    });
    private volatile CompletableFuture<Map<String, Object>> deployInfo;
    private volatile long deployInfoRead;

    @Activate
    public Checkout(BundleContext context) {
        String configured = context.getProperty(REPO_PROPERTY);
        this.repo = Path.of(configured != null && !configured.isBlank() ? configured : System.getProperty("user.dir"));
        refreshDeployInfo();
    }

    @Deactivate
    void deactivate() {
        background.shutdownNow();
    }

    /**
     * {@code {"git_branch","git_commit"}}, either null where the checkout has none. It comes from the last read,
     * which is at most a minute old; a call while a read is under way waits up to 2 s for it.
     */
    Map<String, Object> deployInfo() {
        CompletableFuture<Map<String, Object>> read = deployInfo;
        if (read.isDone() && System.nanoTime() - deployInfoRead > DEPLOY_INFO_AGE.toNanos()) {
            refreshDeployInfo();
        }
        try {
            return read.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // shown as unknown below
        }
        return branchAndCommit(null, null);
    }

    private void refreshDeployInfo() {
        deployInfoRead = System.nanoTime();
        try {
            deployInfo = CompletableFuture.supplyAsync(this::readDeployInfo, background);
        } catch (RejectedExecutionException e) {
            deployInfo = CompletableFuture.completedFuture(branchAndCommit(null, null));
        }
    }

    private Map<String, Object> readDeployInfo() {
        try {
            Commands.Result branch = git(LOCAL_TIMEOUT, "rev-parse", "--abbrev-ref", "HEAD");
            Commands.Result commit = git(LOCAL_TIMEOUT, "rev-parse", "--short=7", "HEAD");
            return branchAndCommit(branch.ok() ? branch.firstLine() : null, commit.ok() ? commit.firstLine() : null);
        } catch (IOException e) {
            return branchAndCommit(null, null);
        }
    }

    private static Map<String, Object> branchAndCommit(String branch, String commit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("git_branch", branch == null || branch.isEmpty() ? null : branch);
        m.put("git_commit", commit == null || commit.isEmpty() ? null : commit);
        return m;
    }

    /**
     * Fetches {@code origin} and compares HEAD with {@code origin/<branch>}: {@code {"available","branch",
     * "local_commit","remote_commit","commits_behind","summary"}}, or {@code {"available": false, "error"}} for
     * each way it can fail. Runs on the caller's thread, for at most the fetch timeout and a few local commands.
     */
    Map<String, Object> updateCheck() {
        try {
            return compareWithOrigin();
        } catch (IOException e) {
            return failed(Files.isDirectory(repo) ? "git is not installed" : "Not a git checkout");
        } finally {
            refreshDeployInfo();
        }
    }

    private Map<String, Object> compareWithOrigin() throws IOException {
        if (!Files.isDirectory(repo)) {
            return failed("Not a git checkout");
        }
        Commands.Result inside = gitWithErrors(LOCAL_TIMEOUT, "rev-parse", "--is-inside-work-tree");
        if (!inside.ok() || !"true".equals(inside.firstLine())) {
            return failed(inside.output().contains("dubious ownership")
                    ? "The checkout belongs to another user (see git's safe.directory)" : "Not a git checkout");
        }
        Commands.Result head = git(LOCAL_TIMEOUT, "rev-parse", "--abbrev-ref", "HEAD");
        String branch = head.firstLine();
        if (!head.ok() || branch.isEmpty() || branch.equals("HEAD")) {
            return failed("Not on a branch");
        }
        Commands.Result fetch = gitWithErrors(FETCH_TIMEOUT, "fetch", "--quiet", "--prune", "origin");
        if (fetch.timedOut()) {
            return failed("Timed out - check internet connection");
        }
        if (!fetch.ok()) {
            return failed("git fetch failed: " + lastLine(fetch.output()));
        }
        String remote = "origin/" + branch;
        if (!git(LOCAL_TIMEOUT, "rev-parse", "--verify", "--quiet", "refs/remotes/" + remote + "^{commit}").ok()) {
            return failed("Remote branch " + remote + " not found");
        }
        Commands.Result local = git(LOCAL_TIMEOUT, "rev-parse", "--short=8", "HEAD");
        Commands.Result remoteCommit = git(LOCAL_TIMEOUT, "rev-parse", "--short=8", remote);
        Commands.Result behind = git(LOCAL_TIMEOUT, "rev-list", "--count", "HEAD.." + remote);
        Commands.Result summary = git(LOCAL_TIMEOUT, "-c", "color.ui=never", "log", "--oneline", "--no-decorate",
                "--max-count=20", "HEAD.." + remote);
        if (!local.ok() || !remoteCommit.ok() || !behind.ok() || !summary.ok()) {
            return failed("git could not compare HEAD with " + remote);
        }
        int commitsBehind = Integer.parseInt(behind.firstLine());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("available", commitsBehind > 0);
        m.put("branch", branch);
        m.put("local_commit", local.firstLine());
        m.put("remote_commit", remoteCommit.firstLine());
        m.put("commits_behind", commitsBehind);
        m.put("summary", summary.output().strip());
        return m;
    }

    private static Map<String, Object> failed(String error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("available", false);
        m.put("error", error);
        return m;
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    private Commands.Result git(Duration timeout, String... args) throws IOException {
        return Commands.run(command(args), repo, GIT_ENV, timeout, false);
    }

    private Commands.Result gitWithErrors(Duration timeout, String... args) throws IOException {
        return Commands.run(command(args), repo, GIT_ENV, timeout, true);
    }

    private static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(args.length + 1);
        cmd.add("git");
        cmd.addAll(List.of(args));
        return cmd;
    }
}
