# The recording side's helpers. The Java twin of each module lives in src/test/java/otp/conformance
# under the same role name: Conf.Log = TraceLog, Conf.N = Terms, Conf.W = Scripted.

# Crash reports would drown the recorder's output; the traces say what happened.
Logger.configure(level: :none)
:logger.set_primary_config(:level, :none)

defmodule Conf.N do
  @moduledoc "Turns reasons and terms into the trace's small vocabulary: no pids, refs or stack traces."

  def norm({:timeout, {GenServer, :call, _}}), do: "{timeout,call}"
  def norm({:timeout, {Task, :await, _}}), do: "{timeout,await}"
  def norm({:calling_self, {GenServer, :call, _}}), do: "calling_self"
  def norm({reason, {GenServer, :call, _}}), do: norm(reason)
  def norm({reason, {GenServer, :stop, _}}), do: norm(reason)
  def norm({reason, {Task, :await, _}}), do: norm(reason)
  def norm({%{__exception__: true} = e, stack}) when is_list(stack), do: "{crash,#{short(e.__struct__)}}"
  def norm(%{__exception__: true} = e), do: "{crash,#{short(e.__struct__)}}"
  def norm({:shutdown, term}), do: "{shutdown,#{term(term)}}"
  def norm(other), do: term(other)

  def term(nil), do: "nil"
  def term(a) when is_atom(a) do
    text = Atom.to_string(a)
    if String.starts_with?(text, "Elixir."), do: short(a), else: text
  end
  def term(b) when is_binary(b), do: b
  def term(n) when is_number(n), do: to_string(n)
  def term(p) when is_pid(p), do: "pid"
  def term(r) when is_reference(r), do: "ref"
  def term(t) when is_tuple(t), do: "{" <> (t |> Tuple.to_list() |> Enum.map_join(",", &term/1)) <> "}"
  def term(l) when is_list(l), do: "[" <> Enum.map_join(l, ",", &term/1) <> "]"
  def term(other), do: inspect(other)

  defp short(module), do: module |> inspect() |> String.split(".") |> List.last()
end

defmodule Conf.Log do
  @moduledoc """
  The trace: a server that appends lines in the order their (synchronous) log calls arrive, so
  lines written by different processes are ordered only when the scenario's causality orders them.
  await(line, n) returns once line has been written n times: the scenario's way to wait for an event.
  """
  use GenServer
  @name :conformance_log

  def start, do: GenServer.start(__MODULE__, nil, name: @name)
  def line(text), do: GenServer.call(@name, {:log, text}, :infinity)
  def await(text, n \\ 1), do: GenServer.call(@name, {:await, text, n}, 10_000)
  def lines, do: GenServer.call(@name, :lines)
  def stop, do: GenServer.stop(@name)

  @impl true
  def init(nil), do: {:ok, %{lines: [], waiting: []}}

  @impl true
  def handle_call({:log, text}, _from, s) do
    lines = [text | s.lines]
    {ready, waiting} = Enum.split_with(s.waiting, fn {t, n, _} -> count(lines, t) >= n end)
    Enum.each(ready, fn {_, _, from} -> GenServer.reply(from, :ok) end)
    {:reply, :ok, %{s | lines: lines, waiting: waiting}}
  end

  def handle_call({:await, text, n}, from, s) do
    if count(s.lines, text) >= n,
      do: {:reply, :ok, s},
      else: {:noreply, %{s | waiting: [{text, n, from} | s.waiting]}}
  end

  def handle_call(:lines, _from, s), do: {:reply, Enum.reverse(s.lines), s}

  defp count(lines, text), do: Enum.count(lines, &(&1 == text))
end

defmodule Conf.W do
  @moduledoc """
  A scripted GenServer: its callbacks run the functions a scenario hands it, so one module plays
  every server the scenarios need. Options: id, name, value, log (write "start id" in init and
  "stop id reason" in terminate), trap, init, info, continue, on_terminate.
  """
  use GenServer

  def start(o), do: GenServer.start(__MODULE__, o, name_opt(o))
  def start_link(o), do: GenServer.start_link(__MODULE__, o, name_opt(o))
  defp name_opt(o), do: if(o[:name], do: [name: o[:name]], else: [])

  @impl true
  def init(o) do
    s = Map.new(o)
    if s[:trap], do: Process.flag(:trap_exit, true)
    if s[:log], do: Conf.Log.line("start #{s.id}")
    if s[:init], do: s.init.(s), else: {:ok, s}
  end

  @impl true
  def handle_call({:run, f}, from, s), do: f.(from, s)
  def handle_call(:value, _from, s), do: {:reply, s[:value], s}

  @impl true
  def handle_cast({:run, f}, s), do: f.(s)

  @impl true
  def handle_info({:run, f}, s), do: f.(s)
  def handle_info(msg, s), do: if(s[:info], do: s.info.(msg, s), else: {:noreply, s})

  @impl true
  def handle_continue(term, s), do: s.continue.(term, s)

  @impl true
  def terminate(reason, s) do
    if s[:log], do: Conf.Log.line("stop #{s.id} #{Conf.N.norm(reason)}")
    if s[:on_terminate], do: s.on_terminate.(reason, s)
  end

  @doc "A supervised child: logs, traps exits and is registered as conf_<id>."
  def child(id, extra \\ %{}) do
    opts = Map.merge(%{id: id, log: true, trap: true, name: name(id)}, extra)
    %{id: id, start: {__MODULE__, :start_link, [opts]},
      restart: Map.get(extra, :restart, :permanent), shutdown: Map.get(extra, :shutdown, 5000)}
  end

  def name(id), do: String.to_atom("conf_" <> id)
end
