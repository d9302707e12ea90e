from yusuan.cli import main

main()
