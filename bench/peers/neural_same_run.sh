#!/bin/bash
# Same-run comparison of `semg bench neural` with PyTorch 1.13 eager (../shared/peers/bench_torch.py), alternating peer
# and ours, two rounds at 1 and at 2 threads. PyTorch runs on Debian's OpenMP OpenBLAS; OPENBLAS_CORETYPE=SkylakeX
# because OpenBLAS 0.3.21 does not know Zen 5 and falls back to its Haswell kernels (73 against 117 GFLOP/s for a 512³
# matmul on the Zen 5 host): the stronger peer. Usage: bench/peers/neural_same_run.sh OUT_DIR [SEMG_DLL]
set -euo pipefail
out=${1:?output folder}
semg=${2:-src/SemgKit.Cli/bin/Release/net10.0/semg.dll}
peers=$(dirname "$0")/../../../shared/peers
mkdir -p "$out"
export LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp
export OPENBLAS_CORETYPE=SkylakeX
for threads in 1 2; do
  # The peer's OpenMP OpenBLAS sizes its own pool from the environment, not from torch.set_num_threads (bench_torch.py's
  # header): without these, its "1-thread" runs used both cores in some rounds (cnn1d inference 268–2383 µs).
  export OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads
  for round in 1 2; do
    for model in cnn1d lstm64 cnn_lstm attn_lstm_cnn spectro_cnn; do
      /usr/bin/python3 "$peers/bench_torch.py" --model $model --threads $threads --no-jit --out "$out/torch-$model-t$threads-r$round.json" > /dev/null
    done
    dotnet "$semg" bench neural --model cnn1d,lstm,cnn-lstm,attention-lstm-cnn,spectrogram-cnn --threads $threads \
      --json "$out/ours-t$threads-r$round.json" > "$out/ours-t$threads-r$round.txt"
  done
done
