%% Interop: drive the alcove port from Erlang/OTP the way the upstream
%% Erlang library's driver does (alcove-protocol(5), START-UP: open_port with
%% -c FIFO, the boot message, the FIFO's reader, unlink as the first call),
%% with requests encoded by OTP's term_to_binary and replies decoded by
%% binary_to_term.  Every reply the port writes is also checked byte for
%% byte against alcove-protocol(5), Encoder rules, and every case ends by
%% closing the port's stdin and requiring that the port exit with status 0
%% (alcove-protocol(5), SHUTDOWN).
%%
%%	erl -noshell -pa DIR -run alcove_interop main list
%%	erl -noshell -pa DIR -run alcove_interop main PORT CASE
%%
%% list prints each case, whether it needs root and the backend it expects.  The environment
%% variable ALCOVE_PORT_WRAPPER may name a command run in front of the port
%% (e.g. "valgrind -q --error-exitcode=99"); its exit status is the one
%% checked, and it should run the port in its own process, as valgrind
%% does (cases compare pids with the port's).
%%
%% Exit status 0: the case passed; 1: it failed (the reason on stderr).
%%
%% Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.

-module(alcove_interop).
-export([main/1]).



%% ---- the call table, in upstream alcove 1.0.1's order (calls.def) ----

calls() ->
    [alloc, cap_constant, cap_enter, cap_fcntls_get, cap_fcntls_limit,
     cap_getmode, cap_ioctls_limit, cap_rights_limit, chdir, chmod, chown,
     chroot, clearenv, clone, clone_constant, close, connect, cpid, environ,
     errno_id, execve, execvp, exit, fcntl, fcntl_constant, fexecve,
     file_constant, filter, fork, getcwd, getenv, getgid, getgroups,
     gethostname, getopt, getpgrp, getpid, getpriority, getresgid, getresuid,
     getrlimit, getsid, getuid, ioctl, ioctl_constant, iolist_to_bin, jail,
     jail_attach, jail_remove, kill, link, lseek, mkdir, mkfifo, mount,
     mount_constant, open, pivot_root, pledge, prctl, prctl_constant,
     procctl, ptrace, ptrace_constant, read, readdir, rlimit_constant, rmdir,
     seccomp, seccomp_constant, select, setcpid, setenv, setgid, setgroups,
     sethostname, setns, setopt, setpgid, setpriority, setproctitle,
     setresgid, setresuid, setrlimit, setsid, setuid, sigaction,
     signal_constant, socket, symlink, syscall_constant, umount, umount2,
     unlink, unsetenv, unshare, unveil, version, waitpid, write].

call_number(Name) ->
    index(Name, calls(), 0).

index(X, [X | _], N) -> N;
index(X, [_ | T], N) -> index(X, T, N + 1).

%% ---- entry point ----

main(["list"]) ->
    [io:format("~s ~s ~s~n", [N, Who, Os]) || {N, _, Who, Os} <- cases()],
    halt(0);
main([Port, Name]) ->
    put(wrapper, string:lexemes(os:getenv("ALCOVE_PORT_WRAPPER", ""), " ")),
    case lists:keyfind(Name, 1, cases()) of
        {_, Fun, _, _} ->
            put(replies, {0, 0}),
            try
                Fun(Port),
                {Exact, Spec} = get(replies),
                io:format("replies: ~b as term_to_binary, ~b by the "
                          "port's own rules (alcove-protocol(5), Encoder "
                          "rules)~n", [Exact, Spec]),
                halt(0)
            catch
                Class:Reason:Stack ->
                    io:format(standard_error, "~s failed: ~p:~p~n~p~n",
                              [Name, Class, Reason, Stack]),
                    halt(1)
            end;
        false ->
            io:format(standard_error, "no such case: ~s~n", [Name]),
            halt(2)
    end;
main(_) ->
    io:format(standard_error,
              "usage: alcove_interop main list | PORT CASE~n", []),
    halt(2).

%% ---- the driver ----

-define(TIMEOUT, 20000).
-define(BOOT, <<0, 7, 0, 4, 131, 119, 2, "ok">>).

%% How the port is started.  open_port cannot report the exit status of a
%% port it has closed, so the port runs under a shell that waits for it
%% and writes its status to a file once it has exited; stop/1 reads it.
%% The port is a child of that shell, so the pid open_port knows is the
%% shell's: a second shell writes its own pid to a file and then execs
%% the wrapper or the port in its place, keeping that pid (the port's own
%% when there is no wrapper; a wrapper must run the port in its own
%% process, as valgrind does, for getpid to match).  What the port sees
%% is what open_port would give it (alcove-protocol(5)): argv [PORT, "-c", FIFO]
%% (after the wrapper's words), stdin and stdout the port's pipes, stderr
%% and the environment inherited (handshake checks the environment and,
%% where /proc has it, argv).
%%
%%	sh -c LAUNCH sh STATUSFILE [WRAPPER...] PORT -c FIFO
-define(LAUNCH,
        "s=$1; shift; "
        "/bin/sh -c 'echo $$ > \"$0\" && exec \"$@\"' \"$s.pid\" \"$@\"; "
        "r=$?; echo $r > \"$s.new\" && mv \"$s.new\" \"$s\"; exit $r").

%% How long stop/1 waits for the port to exit (valgrind's leak check at
%% exit is slow).
-define(EXIT_TIMEOUT, 60000).

%% Start the port as alcove_drv:init/1 does and return the driver state.
start(PortPath) ->
    Unique = integer_to_list(erlang:unique_integer([positive])),
    Fifo = filename:join(tmpdir(), "fdctl." ++ Unique),
    Status = filename:join(tmpdir(), "alcove_interop." ++ os:getpid() ++
                           "." ++ Unique ++ ".status"),
    Wrapper = case get(wrapper) of
                  [W | WArgs] ->
                      case os:find_executable(W) of
                          false -> error({no_wrapper, W});
                          Exe -> [Exe | WArgs]
                      end;
                  [] -> []
              end,
    Port = open_port({spawn_executable, "/bin/sh"},
                     [stream, binary, exit_status,
                      {args, ["-c", ?LAUNCH, "sh", Status] ++ Wrapper ++
                           [PortPath, "-c", Fifo]}]),
    %% The first chunk is exactly the boot message.
    receive
        {Port, {data, ?BOOT}} -> ok;
        {Port, {data, Other}} -> error({boot, Other});
        {Port, {exit_status, S}} -> error({boot_exit, S})
    after ?TIMEOUT -> error(boot_timeout)
    end,
    %% Written before the exec, so complete by now.
    {ok, PidLine} = file:read_file(Status ++ ".pid"),
    ok = file:delete(Status ++ ".pid"),
    OsPid = binary_to_integer(string:trim(PidLine, trailing, "\n")),
    %% The reader opens the FIFO (this does not block: the port holds it)
    %% and waits for its end-of-file.
    Self = self(),
    spawn_link(fun() ->
                       {ok, F} = file:open(Fifo, [read, raw, binary]),
                       Self ! fifo_open,
                       R = file:read(F, 1),
                       Self ! {fifo, R}
               end),
    receive fifo_open -> ok after ?TIMEOUT -> error(fifo_open) end,
    put(buf, <<>>),
    put(queue, []),
    Drv = #{port => Port, fifo => Fifo, raw => false, status => Status,
            pid => OsPid},
    %% unlink(Fifo): a string argument, as the driver sends it; the reply
    %% must come as exactly one chunk.
    Port ! {self(), {command, request([], unlink, [Fifo], [])}},
    receive
        {Port, {data, ?BOOT}} -> ok;
        {Port, {data, Other2}} -> error({unlink_reply, Other2})
    after ?TIMEOUT -> error(unlink_timeout)
    end,
    false = filelib:is_file(Fifo),
    Drv.

%% Close the port's stdin and require a clean exit: the port exits 0 at
%% end of input (alcove-protocol(5), SHUTDOWN).
stop(#{port := Port} = Drv) ->
    %% (badarg: the port has already exited; its status says how.)
    try port_close(Port) catch error:badarg -> ok end,
    exited(Drv, 0).

%% Wait for the port to have exited and require exit status Want.
exited(#{status := Status}, Want) ->
    Deadline = erlang:monotonic_time(millisecond) + ?EXIT_TIMEOUT,
    exited(Status, Want, Deadline).

exited(Status, Want, Deadline) ->
    case file:read_file(Status) of
        {ok, Got} ->
            ok = file:delete(Status),
            eq({port_exit_status, <<(integer_to_binary(Want))/binary, "\n">>},
               {port_exit_status, Got});
        {error, enoent} ->
            case erlang:monotonic_time(millisecond) < Deadline of
                true ->
                    receive after 20 -> ok end,
                    exited(Status, Want, Deadline);
                false ->
                    error({port_did_not_exit, ?EXIT_TIMEOUT})
            end
    end.

tmpdir() ->
    case os:getenv("TMPDIR") of
        false -> "/tmp";
        "" -> "/tmp";
        D -> D
    end.

%% A request for Path: CALL innermost, one STDIN envelope per hop.  Opts
%% go to term_to_binary (OTP 25 sends atoms as ATOM_EXT by default,
%% [{minor_version, 2}] as SMALL_ATOM_UTF8_EXT like OTP 26).
request(Path, Call, Args, Opts) ->
    Body = <<(call_number(Call)):16,
             (term_to_binary(list_to_tuple(Args), Opts))/binary>>,
    envelope(lists:reverse(Path), <<(byte_size(Body) + 2):16, 4:16,
                                     Body/binary>>).

envelope([], Msg) -> Msg;
envelope([Pid | Rest], Msg) ->
    envelope(Rest, <<(byte_size(Msg) + 6):16, 0:16, Pid:32, Msg/binary>>).

%% Stdin data for the process at Path (raw for the root).
stdin_msg([], Data) -> Data;
stdin_msg(Path, Data) ->
    [Last | Up] = lists:reverse(Path),
    envelope(Up, <<(byte_size(Data) + 6):16, 0:16, Last:32, Data/binary>>).

send(#{port := Port}, Bin) ->
    Port ! {self(), {command, Bin}},
    ok.

call(Drv, Path, Call, Args) ->
    call(Drv, Path, Call, Args, []).

%% Make a call and return its reply term (badarg, undef and errors are
%% returned as terms; badpid and an exit of the target are exceptions).
call(Drv, Path, Call, Args, Opts) ->
    send(Drv, request(Path, Call, Args, Opts)),
    NoReply = lists:member(Call, [execve, execvp, fexecve, exit]),
    await_reply(Drv, Path, NoReply).

await_reply(Drv, Path, NoReply) ->
    case take(fun
                  ({call, P, _}) when P =:= Path -> true;
                  ({ctl, P, fdctl_closed}) when P =:= Path, NoReply -> true;
                  ({ctl, P, badpid}) -> lists:prefix(P, Path);
                  ({event, P, {exit_status, _}}) when P =:= Path -> true;
                  ({event, P, {termsig, _}}) when P =:= Path -> true;
                  (_) -> false
              end, Drv) of
        {call, _, Term} -> Term;
        {ctl, _, fdctl_closed} -> ok;
        {ctl, _, badpid} -> error(badpid);
        {event, _, Exit} -> error({exited, Exit})
    end.

%% Wait for the first message (oldest first) that Pred accepts.
take(Pred, Drv) ->
    Q = get(queue),
    case lists:splitwith(fun(M) -> not Pred(M) end, Q) of
        {Before, [M | After]} ->
            put(queue, Before ++ After),
            M;
        {_, []} ->
            pump(Drv),
            take(Pred, Drv)
    end.

%% Any message for Path of these kinds (stdout, stderr, event, ctl, pipe).
recv(Drv, Path, Kinds) ->
    take(fun(M) -> element(2, M) =:= Path andalso
                       lists:member(element(1, M), Kinds) end, Drv).

%% Nothing of these kinds for Path arrives within Ms.
quiet(Drv, Path, Kinds, Ms) ->
    Deadline = erlang:monotonic_time(millisecond) + Ms,
    quiet_until(Drv, Path, Kinds, Deadline).

quiet_until(Drv, Path, Kinds, Deadline) ->
    case [M || M <- get(queue), element(2, M) =:= Path,
               lists:member(element(1, M), Kinds)] of
        [M | _] -> error({unexpected, M});
        [] ->
            Left = Deadline - erlang:monotonic_time(millisecond),
            case Left > 0 of
                true -> pump(Drv, Left), quiet_until(Drv, Path, Kinds,
                                                     Deadline);
                false -> ok
            end
    end.

pump(Drv) -> pump(Drv, ?TIMEOUT) =:= ok orelse error(timeout).

%% Read one chunk from the port and queue every whole message in it.
pump(#{port := Port} = Drv, Timeout) ->
    receive
        {Port, {data, Bin}} ->
            case get(raw) of
                true -> queue([{stdout, [], Bin}]);
                _ ->
                    Buf = <<(get(buf))/binary, Bin/binary>>,
                    {Msgs, Rest} = frames(Buf, []),
                    put(buf, Rest),
                    queue(Msgs)
            end,
            ok;
        {fifo, eof} ->
            %% The root exited or exec'd: the driver reports it and
            %% delivers everything after as raw stdout, including bytes
            %% that reached us first but were not a whole message.
            put(raw, true),
            Left = get(buf),
            put(buf, <<>>),
            queue([{ctl, [], fdctl_closed}] ++
                  [{stdout, [], Left} || Left =/= <<>>]),
            ok;
        {Port, {exit_status, S}} ->
            queue([{port_exit, [], S}]),
            ok
    after Timeout ->
            _ = Drv,
            timeout
    end.

queue(Msgs) ->
    put(queue, get(queue) ++ Msgs).

frames(<<Len:16, Msg:Len/binary, Rest/binary>>, Acc) ->
    frames(Rest, [message([], Msg) | Acc]);
frames(Rest, Acc) ->
    {lists:reverse(Acc), Rest}.

%% Unwrap PROXY headers into a path, as alcove_codec does.
message(Path, <<3:16, Pid:32, Len:16, Inner:Len/binary>>) ->
    message(Path ++ [Pid], Inner);
message(Path, <<1:16, Pid:32, Data/binary>>) -> {stdout, Path ++ [Pid], Data};
message(Path, <<2:16, Pid:32, Data/binary>>) -> {stderr, Path ++ [Pid], Data};
message(Path, <<Type:16, Etf/binary>>) ->
    Term = binary_to_term(Etf),
    check_encoding(Etf, Term),
    case Type of
        4 -> {call, Path, Term};
        5 -> {event, Path, Term};
        6 -> {ctl, Path, Term};
        7 -> {pipe, Path, Term}
    end.

%% ---- reply encodings (alcove-protocol(5), Encoder rules) ----

%% Each term the port writes must be exactly what the Encoder rules of
%% alcove-protocol(5) make of
%% it: term_to_binary(Term, [{minor_version, 2}]), except that integers
%% outside 0..255 and -2^27..2^27-1 are SMALL_BIG_EXT (upstream's rule)
%% and lists are written either as one header or as a chain of
%% one-element lists.  The counts show how many replies were the very
%% bytes of term_to_binary.
check_encoding(Etf, Term) ->
    {Exact, Spec} = get(replies),
    Ttb = term_to_binary(Term, [{minor_version, 2}]),
    if
        Etf =:= Ttb ->
            put(replies, {Exact + 1, Spec});
        true ->
            case Etf =:= <<131, (spec(Term, header))/binary>> orelse
                 Etf =:= <<131, (spec(Term, chain))/binary>> of
                true -> put(replies, {Exact, Spec + 1});
                false -> error({encoding, Term, Etf})
            end
    end.

spec(I, _) when is_integer(I), I >= 0, I =< 255 -> <<97, I>>;
spec(I, _) when is_integer(I), I >= -(1 bsl 27), I < 1 bsl 27 ->
    <<98, I:32/signed>>;
spec(I, _) when is_integer(I) ->
    Mag = binary:encode_unsigned(abs(I), little),
    <<110, (byte_size(Mag)), (if I < 0 -> 1; true -> 0 end), Mag/binary>>;
spec(A, _) when is_atom(A) ->
    B = atom_to_binary(A, utf8),
    case byte_size(B) of
        N when N =< 255 -> <<119, N, B/binary>>;
        N -> <<118, N:16, B/binary>>
    end;
spec(B, _) when is_binary(B) -> <<109, (byte_size(B)):32, B/binary>>;
spec(T, S) when is_tuple(T) ->
    L = tuple_to_list(T),
    <<104, (length(L)), (<< <<(spec(E, S))/binary>> || E <- L >>)/binary>>;
spec([], _) -> <<106>>;
spec(L, header) when is_list(L) ->
    <<108, (length(L)):32, (<< <<(spec(E, header))/binary>> || E <- L >>)/binary,
      106>>;
spec(L, chain) when is_list(L) ->
    <<(<< <<108, 1:32, (spec(E, chain))/binary>> || E <- L >>)/binary, 106>>.

%% ---- helpers for the cases ----

eq(Want, Got) ->
    case Want =:= Got of
        true -> ok;
        false -> error({expected, Want, got, Got})
    end.

%% Run Fun on a fresh port, then close it and require exit status 0.  If
%% Fun fails, its failure is the one reported (the port is still stopped,
%% and a bad exit is mentioned on stderr).
with_port(PortPath, Fun) ->
    Drv = start(PortPath),
    try Fun(Drv) of
        _ -> stop(Drv)
    catch
        Class:Reason:Stack ->
            try stop(Drv)
            catch C2:R2 ->
                    io:format(standard_error, "and stopping the port: ~p:~p~n",
                              [C2, R2])
            end,
            erlang:raise(Class, Reason, Stack)
    end.

fork(Drv, Path) ->
    {ok, Pid} = call(Drv, Path, fork, []),
    Path ++ [Pid].

chain(_Drv, Path, 0) -> Path;
chain(Drv, Path, N) -> chain(Drv, fork(Drv, Path), N - 1).

%% Collect stdout and stderr of Path until its exit event.
collect(Drv, Path) -> collect(Drv, Path, <<>>, <<>>).

collect(Drv, Path, Out, Err) ->
    case recv(Drv, Path, [stdout, stderr, event]) of
        {stdout, _, D} -> collect(Drv, Path, <<Out/binary, D/binary>>, Err);
        {stderr, _, D} -> collect(Drv, Path, Out, <<Err/binary, D/binary>>);
        {event, _, {exit_status, S}} -> {Out, Err, {exit_status, S}};
        {event, _, {termsig, S}} -> {Out, Err, {termsig, S}};
        {event, _, _} -> collect(Drv, Path, Out, Err)
    end.

%% ---- the cases ----

%% Each case: its name, its function, whether it needs root, and whether
%% it expects the linux backend (Linux's calls and constant values).
cases() ->
    [{"handshake", fun handshake/1, any, any},
     {"example_fork_bytes", fun example_fork_bytes/1, any, any},
     {"example_exec_depth2_bytes", fun example_exec_depth2_bytes/1, any, any},
     {"example_badpid_bytes", fun example_badpid_bytes/1, any, any},
     {"example_replies_bytes", fun example_replies_bytes/1, any, any},
     {"atom_encodings", fun atom_encodings/1, any, any},
     {"integer_edges", fun integer_edges/1, root, linux},
     {"iolists", fun iolists/1, any, any},
     {"records", fun records/1, any, any},
     {"fork_depth8", fun fork_depth8/1, any, any},
     {"exec_output_events", fun exec_output_events/1, any, any},
     {"flowcontrol", fun flowcontrol/1, any, any},
     {"pipe", fun pipe/1, any, any},
     {"filter", fun filter/1, any, any},
     {"errors", fun errors/1, any, any},
     {"calls_processes", fun calls_processes/1, root, linux},
     {"calls_files", fun calls_files/1, root, any},
     {"calls_environment", fun calls_environment/1, any, linux},
     {"calls_credentials", fun calls_credentials/1, root, linux},
     {"calls_descriptors", fun calls_descriptors/1, any, any},
     {"calls_constants", fun calls_constants/1, any, linux},
     {"calls_port", fun calls_port/1, any, any},
     {"calls_isolation", fun calls_isolation/1, root, linux},
     {"calls_remaining", fun calls_remaining/1, root, linux},
     {"root_exec", fun root_exec/1, any, any},
     {"encodings_counted", fun encodings_counted/1, any, any}].

handshake(PortPath) ->
    Drv = start(PortPath),
    #{fifo := Fifo} = Drv,
    eq({ok, 1}, {ok, call(Drv, [], getopt, [exit_status])}),
    %% The shell that starts the port (start/1) leaves it what open_port
    %% would give it: Erlang's environment, and (where /proc shows it) the
    %% command line of alcove-protocol(5).  A wrapper may add variables
    %% (valgrind adds LD_PRELOAD) but must not drop or change any.
    Env = lists:sort([unicode:characters_to_binary(
                        E, unicode, file:native_name_encoding())
                      || E <- os:getenv()]),
    PortEnv = lists:sort(call(Drv, [], environ, [])),
    case get(wrapper) of
        [] -> eq(Env, PortEnv);
        _ -> eq([], Env -- PortEnv)
    end,
    case filelib:is_file("/proc/self/cmdline") of
        true ->
            {ok, Fd} = call(Drv, [], open, ["/proc/self/cmdline", [o_rdonly],
                                            0]),
            eq({ok, iolist_to_binary([[A, 0] || A <- [PortPath, "-c", Fifo]])},
               call(Drv, [], read, [Fd, 4096])),
            eq(ok, call(Drv, [], close, [Fd]));
        false -> ok
    end,
    %% The port exits 0 at EOF: nothing else happens to the FIFO's reader
    %% except end-of-file.
    stop(Drv),
    receive {fifo, eof} -> ok after ?TIMEOUT -> error(no_fifo_eof) end.

%% The first fork of alcove-protocol(5), EXAMPLES, with the bytes OTP sends.
example_fork_bytes(P) ->
    with_port(P, fun(Drv) ->
        eq(<<0, 7, 0, 4, 0, 28, 131, 104, 0>>, request([], fork, [], [])),
        send(Drv, request([], fork, [], [])),
        {call, [], {ok, Pid}} = take(fun(M) -> element(1, M) =:= call end,
                                     Drv),
        true = is_integer(Pid) andalso Pid > 0,
        %% Example 2: getpid at depth 1, wrapped in PROXY.
        eq(<<0, 15, 0, 0, Pid:32, 0, 7, 0, 4, 0, 36, 131, 104, 0>>,
           request([Pid], getpid, [], [])),
        eq(Pid, call(Drv, [Pid], getpid, []))
    end).

%% Example 4: execvp at depth 2; the request bytes as OTP encodes them.
example_exec_depth2_bytes(P) ->
    with_port(P, fun(Drv) ->
        [A, B] = chain(Drv, [], 2),
        Req = request([A, B], execvp, ["/bin/echo", ["/bin/echo", "hi"]], []),
        eq(<<0, 16#3a, 0, 0, A:32, 0, 16#32, 0, 0, B:32, 0, 16#2a, 0, 4,
             0, 16#15, 131, 104, 2, 107, 0, 9, "/bin/echo", 108, 0, 0, 0, 2,
             107, 0, 9, "/bin/echo", 107, 0, 2, "hi", 106>>, Req),
        send(Drv, Req),
        {ctl, [A, B], fdctl_closed} = recv(Drv, [A, B], [ctl]),
        eq({<<"hi\n">>, <<>>, {exit_status, 0}}, collect(Drv, [A, B]))
    end).

example_badpid_bytes(P) ->
    with_port(P, fun(Drv) ->
        send(Drv, request([12345678], getpid, [], [])),
        {ctl, [12345678], badpid} = recv(Drv, [12345678], [ctl]),
        C = fork(Drv, []),
        try call(Drv, C ++ [424242], getpid, []) of
            R -> error({expected_badpid, R})
        catch error:badpid -> ok
        end
    end).

example_replies_bytes(P) ->
    with_port(P, fun(Drv) ->
        eq({error, ebadf}, call(Drv, [], close, [-1])),
        eq(badarg, call(Drv, [], close, [<<"x">>])),
        eq({error, unsupported}, call(Drv, [], jail, [[<<2:32/native>>]])),
        C = fork(Drv, []),
        eq(ok, call(Drv, C, filter, [<<0, 0, 0, 0, 16>>, <<>>])),
        eq(undef, call(Drv, C, getpid, []))
    end).

%% Atoms as OTP 25 sends them (ATOM_EXT) and as OTP 26 does
%% (SMALL_ATOM_UTF8_EXT), and a long Latin-1 atom (ATOM_UTF8_EXT).
atom_encodings(P) ->
    with_port(P, fun(Drv) ->
        <<131, 104, 1, 100, _/binary>> = term_to_binary({exit_status}),
        <<131, 104, 1, 119, _/binary>> =
            term_to_binary({exit_status}, [{minor_version, 2}]),
        eq(1, call(Drv, [], getopt, [exit_status], [])),
        eq(1, call(Drv, [], getopt, [exit_status], [{minor_version, 2}])),
        Long = list_to_atom(lists:duplicate(130, 233)),
        <<131, 104, 1, 118, 1, 4, _/binary>> =
            term_to_binary({Long}, [{minor_version, 2}]),
        eq(false, call(Drv, [], getopt, [Long], [{minor_version, 2}])),
        eq(false, call(Drv, [], getopt, [Long], [])),
        %% A character above 255 is not Latin-1: badarg.
        Wide = list_to_atom([16#100]),
        eq(badarg, call(Drv, [], getopt, [Wide], [{minor_version, 2}])),
        %% Constants match ignoring case.
        eq(524288, call(Drv, [], file_constant, ['O_CLOEXEC'])),
        eq(524288, call(Drv, [], file_constant, [o_CloExec]))
    end).

integer_edges(P) ->
    with_port(P, fun(Drv) ->
        %% Big integers from OTP: SMALL_BIG_EXT for 2^64-1.
        <<131, 104, 1, 110, 8, 0, _:8/binary>> =
            term_to_binary({18446744073709551615}),
        C = fork(Drv, []),
        eq(ok, call(Drv, C, setrlimit,
                    [rlimit_core, {alcove_rlimit, 18446744073709551615,
                                   18446744073709551615}])),
        eq({ok, {alcove_rlimit, 18446744073709551615, 18446744073709551615}},
           call(Drv, C, getrlimit, [rlimit_core])),
        eq(ok, call(Drv, C, setrlimit,
                    [rlimit_core, {alcove_rlimit, 4096, 1 bsl 40}])),
        eq({ok, {alcove_rlimit, 4096, 1 bsl 40}},
           call(Drv, C, getrlimit, [rlimit_core])),
        %% A negative UInt64 and a value above 2^64: badarg.
        eq(badarg, call(Drv, C, setrlimit,
                        [rlimit_core, {alcove_rlimit, -1, 0}])),
        eq(badarg, call(Drv, C, setrlimit,
                        [rlimit_core, {alcove_rlimit, 1 bsl 64, 0}])),
        %% Int32 arguments: the ends of the range, and one past.
        eq({error, esrch}, call(Drv, [], kill, [2147483647, 0])),
        eq(badarg, call(Drv, [], kill, [2147483648, 0])),
        eq(badarg, call(Drv, [], getsid, [-2147483649])),
        eq({error, esrch}, call(Drv, [], getsid, [-2147483648])),
        eq(unknown, call(Drv, [], errno_id, [-1])),
        %% An Int64 offset beyond 32 bits.
        File = filename:join(tmpdir(), "interop.lseek." ++ os:getpid()),
        {ok, Fd} = call(Drv, [], open, [File, [o_rdwr, o_creat], 8#600]),
        eq(ok, call(Drv, [], lseek, [Fd, 1 bsl 33, 0])),
        eq(badarg, call(Drv, [], lseek, [Fd, 1 bsl 63, 0])),
        eq(ok, call(Drv, [], close, [Fd])),
        eq(ok, call(Drv, [], unlink, [File])),
        %% Reply integers above 2^27 are SMALL_BIG_EXT (checked on every
        %% reply): a syscall constant that large.
        eq(3221225534, call(Drv, [], syscall_constant, [audit_arch_x86_64]))
    end).

iolists(P) ->
    with_port(P, fun(Drv) ->
        Deep = [<<"a">>, [$b, [<<>>, "cd"], []], <<"e">>, [[[[$f]]]]],
        eq(<<"abcdef">>, call(Drv, [], iolist_to_bin, [Deep])),
        eq(<<>>, call(Drv, [], iolist_to_bin, [<<>>])),
        eq(<<>>, call(Drv, [], iolist_to_bin, [[]])),
        eq(<<>>, call(Drv, [], iolist_to_bin, [[<<>>, [], ""]])),
        %% Improper lists are not iolists here.
        eq(badarg, call(Drv, [], iolist_to_bin, [[<<"a">> | <<"b">>]])),
        eq(badarg, call(Drv, [], iolist_to_bin, [[$a | $b]])),
        %% 16 levels of nesting accepted, 17 refused.
        Nest = fun N(0, T) -> T; N(K, T) -> N(K - 1, [T]) end,
        eq(<<"x">>, call(Drv, [], iolist_to_bin, [Nest(16, <<"x">>)])),
        eq(badarg, call(Drv, [], iolist_to_bin, [Nest(17, <<"x">>)])),
        %% Integers above 255 and atoms are not bytes.
        eq(badarg, call(Drv, [], iolist_to_bin, [[256]])),
        eq(badarg, call(Drv, [], iolist_to_bin, [[foo]])),
        %% Byte strings with 128..255 as a STRING_EXT
        %% (alcove-protocol(5), Atoms and constants).
        <<131, 104, 1, 107, 0, 2, 200, 255>> = term_to_binary({[200, 255]}),
        eq(<<200, 255>>, call(Drv, [], iolist_to_bin, [[200, 255]]))
    end).

records(P) ->
    with_port(P, fun(Drv) ->
        eq({ok, [], [], []},
           call(Drv, [], select, [[], [], [], {alcove_timeval, 0, 0}])),
        eq(badarg, call(Drv, [], select, [[], [], [], {alcove_timeval, 0}])),
        C = fork(Drv, []),
        [Pid] = C,
        [{alcove_pid, Pid, -1, 15, Ctl, In, Out, Err}] =
            call(Drv, [], cpid, []),
        true = lists:all(fun(Fd) -> Fd > 5 end, [Ctl, In, Out, Err]),
        {ok, {alcove_rlimit, _, _}} = call(Drv, C, getrlimit, [rlimit_nofile])
    end).

fork_depth8(P) ->
    with_port(P, fun(Drv) ->
        Path = chain(Drv, [], 8),
        lists:foreach(
          fun(K) ->
                  Sub = lists:sublist(Path, K),
                  eq(lists:last(Sub), call(Drv, Sub, getpid, []))
          end, lists:seq(1, 8)),
        eq({ok, lists:last(Path)}, {ok, call(Drv, Path, getpid, [])})
    end).

exec_output_events(P) ->
    with_port(P, fun(Drv) ->
        lists:foreach(
          fun(Depth) ->
                  Path = chain(Drv, [], Depth),
                  eq(true, call(Drv, lists:droplast(Path), setopt,
                                [stdout_closed, 1])),
                  ok = call(Drv, Path, execvp,
                            ["/bin/sh", ["/bin/sh", "-c",
                                         "echo out; echo err >&2; exit 3"]]),
                  eq({<<"out\n">>, <<"err\n">>, {exit_status, 3}},
                     collect(Drv, Path)),
                  %% The parent reports the end of the program's stdout
                  %% (alcove-protocol(5), Stream mode), before or after
                  %% the exit event; the other *_closed options are off.
                  eq({ctl, Path, stdout_closed}, recv(Drv, Path, [ctl])),
                  quiet(Drv, Path, [ctl], 200)
          end, [1, 2]),
        %% A killed program: {termsig, sigkill}.  The root's
        %% stdout_closed is still on.
        C = fork(Drv, []),
        ok = call(Drv, C, execvp, ["/bin/sleep", ["/bin/sleep", "30"]]),
        [Pid] = C,
        eq(ok, call(Drv, [], kill, [Pid, sigkill])),
        eq({<<>>, <<>>, {termsig, sigkill}}, collect(Drv, C)),
        eq({ctl, C, stdout_closed}, recv(Drv, C, [ctl])),
        %% A caught signal in an alcove process: {signal, sigusr1, Info}.
        D = fork(Drv, []),
        [DPid] = D,
        eq(ok, call(Drv, [], kill, [DPid, sigusr1])),
        {event, D, {signal, sigusr1, Info}} = recv(Drv, D, [event]),
        128 = byte_size(Info)
    end).

flowcontrol(P) ->
    with_port(P, fun(Drv) ->
        C = fork(Drv, []),
        [Pid] = C,
        eq(true, call(Drv, [], setcpid, [Pid, flowcontrol, 0])),
        ok = call(Drv, C, execvp,
                  ["/bin/sh", ["/bin/sh", "-c",
                               "echo 1; sleep 1; echo 2; exec sleep 30"]]),
        %% Budget 0: "1" waits in the pipe, unread.
        quiet(Drv, C, [stdout], 500),
        eq(true, call(Drv, [], setcpid, [Pid, flowcontrol, 1])),
        {stdout, C, <<"1\n">>} = recv(Drv, C, [stdout]),
        [{alcove_pid, Pid, 0, _, _, _, _, _}] = call(Drv, [], cpid, []),
        eq(true, call(Drv, [], setcpid, [Pid, flowcontrol, -5])),
        {stdout, C, <<"2\n">>} = recv(Drv, C, [stdout]),
        [{alcove_pid, Pid, -1, _, _, _, _, _}] = call(Drv, [], cpid, []),
        eq(ok, call(Drv, [], kill, [Pid, sigkill])),
        eq({<<>>, <<>>, {termsig, sigkill}}, collect(Drv, C))
    end).

pipe(P) ->
    with_port(P, fun(Drv) ->
        C = fork(Drv, []),
        [Pid] = C,
        ok = call(Drv, C, execvp, ["/bin/sleep", ["/bin/sleep", "30"]]),
        %% sleep reads nothing: the pipe fills (by default the port
        %% queues nothing for an exec'd child, as upstream), then a
        %% payload is cut and reported as PIPE(Accepted).
        Chunk = binary:copy(<<"x">>, 60000),
        send_until_pipe(Drv, C, Chunk, 40),
        eq(ok, call(Drv, [], kill, [Pid, sigkill]))
    end).

send_until_pipe(_, _, _, 0) -> error(no_pipe);
send_until_pipe(Drv, C, Chunk, N) ->
    send(Drv, stdin_msg(C, Chunk)),
    %% cpid answers once the port has handled the stdin message.
    _ = call(Drv, [], cpid, []),
    case [M || {pipe, Path, _} = M <- get(queue), Path =:= C] of
        [{pipe, C, Accepted}] when is_integer(Accepted),
                                   Accepted < byte_size(Chunk) ->
            ok;
        [] -> send_until_pipe(Drv, C, Chunk, N - 1)
    end.

filter(P) ->
    with_port(P, fun(Drv) ->
        %% alcove:filter([getpid]) is <<0,0,0,0,16>>: both filters.
        C = fork(Drv, []),
        eq(ok, call(Drv, C, filter, [<<0, 0, 0, 0, 16>>, <<0, 0, 0, 0, 16>>])),
        eq(undef, call(Drv, C, getpid, [])),
        %% The subprocess filter is inherited.
        G = fork(Drv, C),
        eq(undef, call(Drv, G, getpid, [])),
        %% The root is unaffected; filter itself can be filtered.
        eq(maps:get(pid, Drv), call(Drv, [], getpid, [])),
        %% 17 bytes is one too many; filter (27) is bit 3 of byte 3.
        eq(badarg, call(Drv, C, filter, [<<0:136>>, <<>>])),
        27 = call_number(filter),
        eq(ok, call(Drv, C, filter, [<<0, 0, 0, 8>>, <<>>])),
        eq(undef, call(Drv, C, filter, [<<>>, <<>>]))
    end).

errors(P) ->
    with_port(P, fun(Drv) ->
        eq(badarg, call(Drv, [], getpid, [1])),
        eq(badarg, call(Drv, [], chdir, [1.5])),
        eq(badarg, call(Drv, [], chdir, [#{}])),
        eq(badarg, call(Drv, [], chdir, [self()])),
        eq(badarg, call(Drv, [], open, ["/", o_rdonly, 0])),
        eq({error, enotsup}, call(Drv, [], kill, [0, sigfoo])),
        eq({error, enoent}, call(Drv, [], chdir, ["/nonexistent"])),
        eq({error, unsupported}, call(Drv, [], pledge, ["stdio", []])),
        eq({error, unsupported}, call(Drv, [], cap_enter, [])),
        %% A call number past the table: badarg.
        send(Drv, <<0, 7, 0, 4, 0, 100, 131, 104, 0>>),
        {call, [], badarg} = take(fun(M) -> element(1, M) =:= call end, Drv)
    end).

calls_processes(P) ->
    with_port(P, fun(Drv) ->
        C = fork(Drv, []),
        [Pid] = C,
        eq(Pid, call(Drv, C, getpid, [])),
        %% OTP starts every port program (here the shell of start/1) as
        %% the leader of a new session and process group; the port and
        %% its children stay in both.
        {os_pid, Leader} = erlang:port_info(maps:get(port, Drv), os_pid),
        eq(Leader, call(Drv, C, getpgrp, [])),
        eq({ok, Leader}, call(Drv, C, getsid, [0])),
        eq({ok, Pid}, call(Drv, C, setsid, [])),
        eq(Pid, call(Drv, C, getpgrp, [])),
        eq({ok, Pid}, call(Drv, C, getsid, [0])),
        eq({ok, Pid}, call(Drv, [], getsid, [Pid])),
        eq({error, eperm}, call(Drv, C, setsid, [])),
        G = fork(Drv, C),
        [_, GPid] = G,
        eq(ok, call(Drv, C, setpgid, [GPid, GPid])),
        eq(ok, call(Drv, G, exit, [5])),
        {event, G, {exit_status, 5}} = recv(Drv, G, [event]),
        H = fork(Drv, C),
        [_, HPid] = H,
        eq({ok, sig_dfl}, call(Drv, C, sigaction, [sigchld, sig_info])),
        eq(ok, call(Drv, H, exit, [7])),
        {ok, HPid, 1792, [{exit_status, 7}]} =
            call(Drv, C, waitpid, [HPid, 0]),
        eq({error, echild}, call(Drv, C, waitpid, [-1, [wnohang]])),
        %% execve with an environment of its own.
        E = fork(Drv, []),
        ok = call(Drv, E, execve, ["/usr/bin/env", ["env"], ["A=1"]]),
        eq({<<"A=1\n">>, <<>>, {exit_status, 0}}, collect(Drv, E)),
        %% fexecve of an open program.
        F = fork(Drv, []),
        {ok, Fd} = call(Drv, F, open, ["/bin/echo", [o_rdonly], 0]),
        ok = call(Drv, F, fexecve, [Fd, ["echo", "fexecve"], ["X=1"]]),
        eq({<<"fexecve\n">>, <<>>, {exit_status, 0}}, collect(Drv, F)),
        %% clone into a new PID namespace: getpid answers 1.
        {ok, Cl} = call(Drv, [], clone, [[clone_newpid, clone_newns]]),
        eq(1, call(Drv, [Cl], getpid, [])),
        eq(ok, call(Drv, [], kill, [Cl, sigkill]))
    end).

calls_files(P) ->
    with_port(P, fun(Drv) ->
        Dir = filename:join(tmpdir(), "interop." ++ os:getpid() ++ "." ++
                            integer_to_list(erlang:unique_integer([positive]))),
        eq(ok, call(Drv, [], mkdir, [Dir, 8#700])),
        eq({error, eexist}, call(Drv, [], mkdir, [Dir, 8#700])),
        C = fork(Drv, []),
        eq(ok, call(Drv, C, chdir, [Dir])),
        eq({ok, list_to_binary(Dir)}, call(Drv, C, getcwd, [])),
        eq(ok, call(Drv, C, mkfifo, ["fifo", 8#600])),
        eq(ok, call(Drv, C, symlink, ["fifo", "link"])),
        eq(ok, call(Drv, C, link, ["fifo", "hard"])),
        eq(ok, call(Drv, C, chmod, ["fifo", 8#644])),
        eq(ok, call(Drv, C, chown, ["fifo", 0, 0])),
        {ok, Names} = call(Drv, C, readdir, ["."]),
        eq([<<".">>, <<"..">>, <<"fifo">>, <<"hard">>, <<"link">>],
           lists:sort(Names)),
        [eq(ok, call(Drv, C, unlink, [N])) || N <- ["fifo", "link", "hard"]],
        eq(ok, call(Drv, [], rmdir, [Dir])),
        eq({error, enoent}, call(Drv, [], rmdir, [Dir])),
        %% chroot in a child confines it.
        R = fork(Drv, []),
        eq(ok, call(Drv, R, chroot, ["/tmp"])),
        eq(ok, call(Drv, R, chdir, ["/"])),
        eq({ok, <<"/">>}, call(Drv, R, getcwd, []))
    end).

calls_environment(P) ->
    with_port(P, fun(Drv) ->
        C = fork(Drv, []),
        eq(ok, call(Drv, C, clearenv, [])),
        eq([], call(Drv, C, environ, [])),
        eq(ok, call(Drv, C, setenv, ["A", "1", 0])),
        eq(ok, call(Drv, C, setenv, ["A", "2", 0])),
        eq(<<"1">>, call(Drv, C, getenv, ["A"])),
        eq(ok, call(Drv, C, setenv, ["B", [<<"x">>, "y"], 1])),
        eq([<<"A=1">>, <<"B=xy">>], call(Drv, C, environ, [])),
        eq(ok, call(Drv, C, unsetenv, ["A"])),
        eq(false, call(Drv, C, getenv, ["A"])),
        eq({error, einval}, call(Drv, C, setenv, ["A=B", "1", 1])),
        %% (Not inet:gethostname/0: it cuts the name at the first dot.)
        {ok, Host} = net:gethostname(),
        eq({ok, list_to_binary(Host)}, call(Drv, C, gethostname, [])),
        eq(ok, call(Drv, C, setpriority, [prio_process, 0, 5])),
        eq({ok, 5}, call(Drv, C, getpriority, [prio_process, 0])),
        eq(ok, call(Drv, C, setproctitle, ["interop"]))
    end).

calls_credentials(P) ->
    with_port(P, fun(Drv) ->
        C = fork(Drv, []),
        eq(0, call(Drv, C, getuid, [])),
        eq(0, call(Drv, C, getgid, [])),
        eq(ok, call(Drv, C, setgroups, [[0, 1, 200]])),
        eq({ok, [0, 1, 200]}, call(Drv, C, getgroups, [])),
        eq(ok, call(Drv, C, setresgid, [1000, 1001, 0])),
        eq({ok, 1000, 1001, 0}, call(Drv, C, getresgid, [])),
        eq(ok, call(Drv, C, setresuid, [1000, 1001, 0])),
        eq({ok, 1000, 1001, 0}, call(Drv, C, getresuid, [])),
        D = fork(Drv, []),
        eq(ok, call(Drv, D, setgid, [65534])),
        eq(ok, call(Drv, D, setuid, [65534])),
        eq({error, eperm}, call(Drv, D, setuid, [0]))
    end).

calls_descriptors(P) ->
    with_port(P, fun(Drv) ->
        File = filename:join(tmpdir(), "interop.fd." ++ os:getpid()),
        {ok, Fd} = call(Drv, [], open,
                        [File, [o_wronly, o_creat, o_trunc, o_cloexec],
                         8#600]),
        eq({ok, 5}, call(Drv, [], write, [Fd, [<<"he">>, "llo"]])),
        eq({ok, 1}, call(Drv, [], fcntl, [Fd, f_getfd, 0])),
        eq(ok, call(Drv, [], close, [Fd])),
        {ok, R} = call(Drv, [], open, [File, [o_rdonly], 0]),
        eq(ok, call(Drv, [], lseek, [R, 1, 0])),
        eq({ok, <<"ello">>}, call(Drv, [], read, [R, 100])),
        eq({ok, <<>>}, call(Drv, [], read, [R, 100])),
        eq({ok, [R], [], []},
           call(Drv, [], select, [[R], [], [], {alcove_timeval, 0, 0}])),
        eq({error, ebadf},
           call(Drv, [], select, [[200], [], [], {alcove_timeval, 0, 0}])),
        eq(ok, call(Drv, [], close, [R])),
        eq(ok, call(Drv, [], unlink, [File])),
        {ok, S} = call(Drv, [], socket, [af_inet, sock_stream, 0]),
        eq({error, einval}, call(Drv, [], connect, [S, []])),
        %% ioctl with a buffer: FIONREAD writes the byte count back.
        eq({ok, 0, <<0:32>>}, call(Drv, [], ioctl, [S, fionread, <<9:32>>])),
        eq(ok, call(Drv, [], close, [S])),
        {ok, Raw, [<<1, 2, 3>>, {ptr, <<0, 0, 0, 0>>}, {ptr, <<5, 6>>}]} =
            call(Drv, [], alloc, [[<<1, 2, 3>>, {ptr, 4}, {ptr, <<5, 6>>}]]),
        19 = byte_size(Raw),
        eq({ok, <<0:64>>, [<<0:64>>]}, call(Drv, [], alloc, [[{ptr, 0}]]))
    end).

calls_constants(P) ->
    with_port(P, fun(Drv) ->
        %% alcove:define/3 tries these tables in this order.
        Tables = [clone_constant, fcntl_constant, file_constant,
                  ioctl_constant, mount_constant, prctl_constant,
                  rlimit_constant, signal_constant, syscall_constant],
        Define = fun(Atoms) ->
                     lists:foldl(
                       fun(A, Acc) ->
                               Acc bxor first_known(Drv, Tables, A)
                       end, 0, Atoms)
                 end,
        eq(537001984, Define([clone_newns, clone_newpid])),
        eq(unknown, call(Drv, [], cap_constant, [cap_read])),
        eq(15, call(Drv, [], signal_constant, [sigterm])),
        eq(1, call(Drv, [], mount_constant, [rdonly])),
        eq(7, call(Drv, [], rlimit_constant, [rlimit_nofile])),
        eq(unknown, call(Drv, [], ptrace_constant, [nope])),
        eq(badarg, call(Drv, [], file_constant, ["o_rdonly"]))
    end).

first_known(Drv, [T | Ts], A) ->
    case call(Drv, [], T, [A]) of
        unknown -> first_known(Drv, Ts, A);
        N when is_integer(N) -> N
    end.

calls_port(P) ->
    with_port(P, fun(Drv) ->
        eq(<<"1.0.1">>, call(Drv, [], version, [])),
        eq(enoent, call(Drv, [], errno_id, [2])),
        eq(unknown, call(Drv, [], errno_id, [0])),
        eq(16, call(Drv, [], getopt, [maxforkdepth])),
        eq(true, call(Drv, [], setopt, [maxforkdepth, 300])),
        eq(255, call(Drv, [], getopt, [maxforkdepth])),
        eq(false, call(Drv, [], getopt, ['MAXCHILD'])),
        eq(badarg, call(Drv, [], setopt, [signaloneof, -1])),
        C = fork(Drv, []),
        [Pid] = C,
        eq(true, call(Drv, [], setcpid, [Pid, signaloneof, 9])),
        [{alcove_pid, Pid, -1, 9, _, _, _, _}] = call(Drv, [], cpid, []),
        eq({ok, sig_info}, call(Drv, [], sigaction, [sigusr2, []])),
        eq({error, einval}, call(Drv, [], sigaction, [sigkill, sig_ign]))
    end).

calls_isolation(P) ->
    with_port(P, fun(Drv) ->
        C = fork(Drv, []),
        eq(ok, call(Drv, C, unshare, [[clone_newuts, clone_newns]])),
        eq(ok, call(Drv, C, sethostname, ["interop"])),
        eq({ok, <<"interop">>}, call(Drv, C, gethostname, [])),
        %% (A type of "none", not NULL: valgrind, when it runs the port,
        %% wrongly flags a NULL type.)
        eq(ok, call(Drv, C, mount, ["none", "/", "none", [ms_rec, ms_private],
                                    "", ""])),
        eq(ok, call(Drv, C, mount, ["tmpfs", "/mnt", "tmpfs",
                                    [ms_nosuid, ms_nodev], "size=1m", []])),
        eq(ok, call(Drv, C, umount2, ["/mnt", [mnt_detach]])),
        eq({error, einval}, call(Drv, C, umount, ["/mnt"])),
        {ok, 0, Name, 0, 0, 0} =
            call(Drv, C, prctl, [pr_get_name, <<0:128>>, 0, 0, 0]),
        16 = byte_size(Name),
        %% The name a forked child inherits is the one exec gave the
        %% port: its file name, cut to 15 bytes, then NULs to fill the
        %% 16-byte buffer.  Under a wrapper (valgrind) the process has
        %% the wrapper's name.
        case get(wrapper) of
            [] ->
                Exe = list_to_binary(filename:basename(P)),
                Comm = binary:part(Exe, 0, min(15, byte_size(Exe))),
                eq(<<Comm/binary, 0:((16 - byte_size(Comm)) * 8)>>, Name);
            _ -> ok
        end,
        eq({ok, 1, 0, 0, 0, 0}, call(Drv, C, prctl, [pr_get_dumpable, 0, 0,
                                                      0, 0])),
        eq({ok, 0, <<>>, <<>>}, call(Drv, C, ptrace, [ptrace_traceme, 0, 0,
                                                      0])),
        eq({error, enotsup}, call(Drv, C, setns, [0, clone_newfoo])),
        eq({error, unsupported}, call(Drv, C, unveil, ["/", "r"])),
        eq({error, unsupported}, call(Drv, C, procctl, [0, 0, 0, []]))
    end).

%% The calls no other case makes, each with an exact reply.
calls_remaining(P) ->
    with_port(P, fun(Drv) ->
        eq(131072, call(Drv, [], clone_constant, [clone_newns])),
        eq(1, call(Drv, [], fcntl_constant, [f_getfd])),
        eq(16#541b, call(Drv, [], ioctl_constant, [fionread])),
        eq(15, call(Drv, [], prctl_constant, [pr_set_name])),
        eq(1, call(Drv, [], seccomp_constant, [seccomp_set_mode_filter])),
        C = fork(Drv, []),
        eq({error, enoent}, call(Drv, C, pivot_root,
                                 ["/nonexistent", "/nonexistent/old"])),
        %% A filter program at NULL: the kernel answers efault. Valgrind
        %% does not implement seccomp(2) and answers enosys itself, so
        %% under a wrapper the reply says nothing about the port.
        case get(wrapper) of
            [] -> eq({error, efault}, call(Drv, C, seccomp,
                                           [seccomp_set_mode_filter, 0, []]));
            _ -> ok
        end,
        %% FreeBSD's jails and Capsicum: well-formed, and unsupported here.
        [eq({error, unsupported}, call(Drv, C, Name, Args)) ||
            {Name, Args} <- [{jail_attach, [1]}, {jail_remove, [1]},
                             {cap_getmode, []}, {cap_fcntls_get, [0]},
                             {cap_fcntls_limit, [0, 0]},
                             {cap_ioctls_limit, [0, []]},
                             {cap_rights_limit, [0, []]}]]
    end).

%% exec in the root: the FIFO's end-of-file answers it, and what follows
%% is the program's raw output.
root_exec(P) ->
    Drv = start(P),
    ok = call(Drv, [], execvp, ["/bin/echo", ["/bin/echo", "root"]]),
    Out = raw_until_exit(Drv, <<>>),
    eq(<<"root\n">>, Out),
    %% The port is now echo, which exits 0.
    exited(Drv, 0).

raw_until_exit(Drv, Acc) ->
    case take(fun(M) -> element(1, M) =:= stdout orelse
                            element(1, M) =:= port_exit end, Drv) of
        {stdout, [], D} -> raw_until_exit(Drv, <<Acc/binary, D/binary>>);
        {port_exit, [], 0} -> Acc
    end.

%% Run a mix of calls, each with its exact reply, and report how replies
%% matched alcove-protocol(5), Encoder rules: each either the very bytes of
%% term_to_binary(Term, [{minor_version, 2}]) or (lists as chains,
%% big-range integers) the page's own rule.
encodings_counted(P) ->
    with_port(P, fun(Drv) ->
        eq(ok, call(Drv, [], clearenv, [])),
        eq(ok, call(Drv, [], setenv, ["A", "1", 1])),
        eq(ok, call(Drv, [], setenv, ["B", "2", 1])),
        Environ = [<<"A=1">>, <<"B=2">>],
        eq(Environ, call(Drv, [], environ, [])),
        eq([], call(Drv, [], cpid, [])),
        %% The groups and the core limit the kernel shows for the port
        %% (Linux's /proc; elsewhere only the replies' shapes are known).
        Groups = case proc_field(Drv, "status", "Groups:") of
                     {ok, Gs} -> [binary_to_integer(G) || G <- Gs];
                     none -> none
                 end,
        Core = case proc_field(Drv, "limits", "Max core file size") of
                   {ok, [Soft, Hard, <<"bytes">>]} ->
                       {alcove_rlimit, rlim(Soft), rlim(Hard)};
                   none -> none
               end,
        GroupsReply = call(Drv, [], getgroups, []),
        case Groups of
            none -> {ok, Gs2} = GroupsReply,
                    true = lists:all(fun is_integer/1, Gs2);
            _ -> eq({ok, Groups}, GroupsReply)
        end,
        %% <linux/audit.h>'s AUDIT_ARCH_X86_64, in the table wherever
        %% the port was built with that header (any Linux).
        Arch = case os:type() of
                   {unix, linux} -> 3221225534;
                   _ -> unknown
               end,
        eq(Arch, call(Drv, [], syscall_constant, [audit_arch_x86_64])),
        {ok, Root} = file:list_dir_all("/"),
        {ok, Names} = call(Drv, [], readdir, ["/"]),
        eq(lists:sort([<<".">>, <<"..">> | [name(N) || N <- Root]]),
           lists:sort(Names)),
        CoreReply = call(Drv, [], getrlimit, [rlimit_core]),
        case Core of
            none -> {ok, {alcove_rlimit, S2, H2}} = CoreReply,
                    true = is_integer(S2) andalso is_integer(H2);
            _ -> eq({ok, Core}, CoreReply)
        end,
        %% Every reply of this case, and whether the Encoder rules of
        %% alcove-protocol(5) (lists as chains here) make of it the bytes
        %% of term_to_binary.
        Replies = [ok, ok, ok, Environ, [], GroupsReply, Arch, {ok, Names},
                   CoreReply],
        Want = lists:foldl(
                 fun(T, {E, S}) ->
                         case term_to_binary(T, [{minor_version, 2}]) =:=
                             <<131, (spec(T, chain))/binary>> of
                             true -> {E + 1, S};
                             false -> {E, S + 1}
                         end
                 end, {0, 0}, Replies),
        {Exact, Spec} = get(replies),
        io:format("replies: ~b as term_to_binary, ~b by the list and "
                  "integer rules of alcove-protocol(5), Encoder rules~n",
                  [Exact, Spec]),
        eq(Want, {Exact, Spec}),
        true = Exact > 0 andalso Spec > 0
    end).

%% The words after Label on its line of /proc/PID/File for the port
%% (Linux), or none where there is no such file or line.
proc_field(#{pid := Pid}, File, Label) ->
    case file:read_file("/proc/" ++ integer_to_list(Pid) ++ "/" ++ File) of
        {ok, Text} ->
            L = list_to_binary(Label),
            N = byte_size(L),
            case [R || <<P:N/binary, R/binary>>
                               <- binary:split(Text, <<"\n">>, [global]),
                       P =:= L] of
                [Rest] -> {ok, string:lexemes(Rest, " \t")};
                [] -> none
            end;
        {error, enoent} -> none
    end.

rlim(<<"unlimited">>) -> 18446744073709551615;
rlim(N) -> binary_to_integer(N).

%% A file name as the port reads it: its bytes.
name(N) when is_binary(N) -> N;
name(N) -> unicode:characters_to_binary(N, unicode,
                                        file:native_name_encoding()).
