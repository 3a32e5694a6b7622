%% An Erlang caller of the generated native module: bad arguments raise
%% plain error:badarg, and error_info formats them like Elixir does.
-module(everything_erl).
-export([echo_int8/1, format_badarg/1]).

echo_int8(Value) ->
    try 'Elixir.Everything.Native':echo_int8(Value)
    catch
        error:badarg -> badarg
    end.

format_badarg(Value) ->
    try 'Elixir.Everything.Native':echo_int8(Value)
    catch
        error:badarg:Stacktrace ->
            unicode:characters_to_binary(erl_error:format_exception(error, badarg, Stacktrace))
    end.
